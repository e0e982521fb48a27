# Set-up is two commands: `make demo` and `make test`. Both make .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test tables holidays rules-doc language-doc bench bytecode clean quotes

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory bytecode
	touch $(STAMP)

# Compile cpdsl's bytecode once, as pip does for a wheel: where PYTHONDONTWRITEBYTECODE is
# set, an editable install would otherwise compile every module on every run.
bytecode:
	$(BIN)/python -m compileall -q cpdsl

# Lint the bundled example as of the date it is written for (so the output is the same every
# day); findings (exit 1) are the point of a demo, a failure (2) is not.
demo: $(STAMP)
	$(BIN)/cplint --today 2026-03-01 examples/amy.cp; status=$$?; test $$status -le 1

test: $(STAMP)
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(BIN)/python -m pytest -q

# After editing grammar/cpdsl.lark: regenerate the analysed parser tables.
tables: $(STAMP)
	$(BIN)/python -m cpdsl.parsing.build_tables
	$(MAKE) --no-print-directory bytecode

# After upgrading `holidays`: rewrite the shipped table of bank holidays.
holidays: $(STAMP)
	$(BIN)/python -c "from cpdsl.dates import HOLIDAYS_FILE, holidays_table; open(HOLIDAYS_FILE, 'w').write(holidays_table())"

# After adding or editing a rule: rewrite docs/rules.md from the rules' documentation (a
# test fails while it is stale).
rules-doc: $(STAMP)
	$(BIN)/python -m cpdsl.rules.docs docs/rules.md

# After adding or editing a meaning in cpdsl/meanings.py (or a keyword, value or profile):
# rewrite the tables of docs/language.md between their marker comments (a test fails while
# one is stale).
language-doc: $(STAMP)
	$(BIN)/python tools/language_doc.py docs/language.md

# After changing a message, a rule or a fix: rewrite the snapshots of what `cplint check`
# and its `--diff` print for every fixture and example (beside each plan: P.cp.out,
# P.cp.fix.diff, P.cp.unsafe.diff; tests/test_snapshots.py). Read the diff before committing.
.PHONY: snapshots
snapshots: $(STAMP)
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q tests/test_snapshots.py

# A maintainer's check, not part of `make test` (those texts are not the project's own):
# every passage quoted in the rules' documentation and the profiles' sources is in the
# guidance it cites (../shared/guidance, ../shared/design; a note where they are absent),
# and every title, heading and prompt the minutes pack prints as 003's is in 003.
quotes: $(STAMP)
	$(BIN)/python tools/check_quotes.py
	$(BIN)/python tools/check_pack_titles.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
