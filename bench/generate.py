"""Generate invented child protection plans in cpdsl for the benchmarks.

Deterministic: every plan comes from a seeded `random.Random`, so the same files are
written on every machine. All names are made up (common first names with surnames
such as "Example" and "Sample"; invented towns), never real people or places.

    python bench/generate.py            # write bench/data/ (skipped when up to date)
    python bench/generate.py --force    # write it again
    python bench/generate.py --check    # and prove every plan parses (needs cpdsl installed)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
STAMP = DATA / ".stamp"
SIZES = {"plan-150.cp": 150, "plan-3000.cp": 3_000, "plan-30000.cp": 30_000}
CORPUS_PLANS, CORPUS_LINES = 2_000, 150

FIRST = ("Amy", "Sam", "Jo", "Ria", "Kerry", "Dan", "Lee", "Mo", "Ana", "Tom", "Zoe",
         "Raj", "Ella", "Finn", "Ivy", "Noor", "Owen", "Pia", "Ravi", "Tess", "Uma", "Kit")
SURNAMES = ("Example", "Sample", "Specimen", "Placeholder", "Mockley", "Fakeham",
            "Testwell", "Madeup", "Dummyson", "Notreal")
TOWNS = ("Northtown", "Southford", "Westvale", "Eastmere", "Lowbridge", "Highcombe")
AGENCIES = {
    "social-worker": "{t} Children's Social Care", "team-manager": "{t} Children's Social Care",
    "health-visitor": "{t} NHS Trust", "school-nurse": "{t} NHS Trust", "gp": "{t} Health Centre",
    "teacher": "{t} Primary School", "designated-safeguarding-lead": "{t} Academy",
    "police": "{t} Police", "probation": "{t} Probation Service", "housing": "{t} Housing",
    "substance-misuse-worker": "{t} Recovery Service", "advocate": "{t} Advocacy",
    "interpreter": "{t} Language Line", "other": "{t} Family Centre",
}
FAMILY = ("parent", "carer", "relative")
ROLES = (*AGENCIES, *FAMILY, "child")
CATEGORIES = ("neglect", "physical", "sexual", "emotional", "exploitation")
DOMAINS = ("health", "education", "emotional-and-behavioural-development", "identity",
           "family-and-social-relationships", "social-presentation", "self-care-skills",
           "basic-care", "ensuring-safety", "emotional-warmth", "stimulation",
           "guidance-and-boundaries", "stability", "wider-family", "housing", "income")
PROFILES = ("england", "wales", "scotland", "northern-ireland", "bolton", "west-midlands")
NEEDS = ("health needs are not being met", "school attendance is below 80%",
         "the home is not kept safe and warm", "there is no settled bedtime routine",
         "meals are missed on school days", "worries at home are not talked about")
OUTCOMES = ("attends every health appointment", "attends school every day",
            "has a safe, warm bedroom", "goes to bed by 8pm on school nights",
            "has breakfast before school", "can name an adult to talk to")
ACTIONS = ("Book the developmental review and go to it", "Walk to school together each day",
           "Fit a stair gate and a smoke alarm", "Keep a bedtime chart on the fridge",
           "Join the breakfast club", "Meet the school nurse every fortnight")


class Plan:
    """One plan's text, built section by section so that ids refer to defined things."""

    def __init__(self, rng: random.Random, target_lines: int, slip: bool = False) -> None:
        self.rng = rng
        self.target = target_lines
        self.slip = slip  # one mistake a checker must find, as real plans have
        self.full = target_lines >= 1_000  # big plans have every statement at least once
        self.start = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(500))
        self.sections: dict[str, list[str]] = {}
        self.children: list[str] = []
        self.members: list[str] = []
        self.rounds = 0

    def chance(self, probability: float) -> bool:
        """For a statement a plan has at most once: always there in a full plan."""
        return self.rng.random() < probability or self.full

    def day(self, offset: int) -> str:
        return (self.start + dt.timedelta(days=offset)).isoformat()

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(SURNAMES)}"

    def town(self) -> str:
        return self.rng.choice(TOWNS)

    def add(self, section: str, *lines: str) -> None:
        self.sections.setdefault(section, []).extend(lines)

    def lines(self) -> int:
        """Lines so far, counting the header, the closing brace and `people` to come."""
        return sum(len(s) for s in self.sections.values()) + 12

    def text(self) -> str:
        rng = self.rng
        self.add("settings", *settings(self))
        for _ in range(3 if self.full else rng.choice((1, 1, 2, 3))):
            self.add("children", *child(self))
        self.add("conferences", *conferences(self))
        for role in ("social-worker", "parent"):
            self.add("members", *member(self, role, lead=role == "social-worker"))
        self.add("tail", *tail(self))
        while self.lines() < self.target - 10 or self.rounds < 2:  # a round is ~20 lines
            one_round(self)
        self.add("people", *people(self))
        order = ("settings", "children", "conferences", "members", "people", "needs",
                 "outcomes", "actions", "tail", "meetings")
        body = [line for name in order for line in self.sections.get(name, [])]
        return "\n".join([f'plan "{self.person()}" {{', *body, "}"]) + "\n"


def settings(p: Plan) -> list[str]:
    rng = p.rng
    lines = ["  # Invented training plan, generated by bench/generate.py",
             f"  profile {rng.choice(PROFILES)}",
             f'  reference "CP-{p.start.year}-{rng.randrange(10_000):04d}"',
             f'  language "{rng.choice(("English", "Polish", "Urdu", "Welsh"))}"']
    if p.chance(0.2):
        lines.append('  accessible-format "large print"')
    lines.append("  category " + " ".join(rng.sample(CATEGORIES, rng.choice((1, 1, 2)))))
    return lines + [""]


def child(p: Plan) -> list[str]:
    ident = f"child-{len(p.children) + 1}"
    p.children.append(ident)
    lines = [f"  child {ident} {{", f'    name "{p.person()}"']
    if p.rng.random() < 0.1 or (p.full and ident == "child-3"):
        lines.append(f"    expected {p.day(p.rng.randrange(30, 200))}")
    else:
        born = dt.date(2010 + p.rng.randrange(15), 1 + p.rng.randrange(12), 1 + p.rng.randrange(28))
        lines.append(f"    born {born}")
    if p.rng.random() < 0.3:
        lines.append(f'    known-as "{p.rng.choice(FIRST)}"')
    return lines + ["  }"]


def conferences(p: Plan) -> list[str]:
    lines = [f"  conference initial {p.day(0)} {{"]
    for _ in range(p.rng.randrange(1, 4)):
        need = p.rng.choice(NEEDS).capitalize()
        lines.append(f'    concern "{need}, say the school and health visitor"')
    lines += [f"    report-ready {p.day(-2)}", "  }"]
    if p.chance(0.5):
        lines += [f"  conference review {p.day(90)} {{", "    recommendation continue {",
                  '      exceptional "The family asked for more time to settle after a move"',
                  "    }", "  }"]
    else:
        lines.append(f"  conference review {p.day(90)}")
    return lines


def member(p: Plan, role: str, lead: bool = False) -> list[str]:
    ident = f"m{len(p.members) + 1}"
    p.members.append(ident)
    agency = AGENCIES.get(role, "").format(t=p.town())
    fields = [f'name "{p.person()}"', f"role {role}"]
    fields += [f'agency "{agency}"'] if agency else []
    fields += ["lead"] if lead else []
    fields += [f"for {p.rng.choice(p.children)}"] if role == "child" else []
    if p.rng.random() < 0.5:  # the one-line form, as people write short blocks
        return [f"  member {ident} {{ {'  '.join(fields)} }}"]
    fields.append(f'contact "01632 {p.rng.randrange(1_000_000):06d}"')
    return [f"  member {ident} {{", *(f"    {f}" for f in fields), "  }"]


def people(p: Plan) -> list[str]:
    lines = ["  excluded x1 {", f'    name "{p.person()}"', "    role parent",
             '    reason "A court order prevents contact with the family"',
             f"    informed-by {p.members[0]}", "  }", "",
             f"  chair {p.members[0]}",
             f"  {p.rng.choice(('second-chair', 'vice-chair'))} {p.members[-1]}", ""]
    return lines


def tail(p: Plan) -> list[str]:
    rng, kid, sw = p.rng, p.children[0], p.members[0]
    every = rng.choice(("1 week", "2 weeks", "10 working days", "15 days", "1 month"))
    lines = [f"  contact {kid} by {sw} every {every}" + (" { alone }" if p.chance(0.7) else "")]
    lines += [f"  contact {other} by {sw} every {every}" for other in p.children[1:]]
    lines += ['  communication "Members share any new worry with the social worker the same day"',
              '  contingency """',
              "    If two appointments are missed in a row, the social worker calls a core",
              "    group within 5 working days and talks to the team manager.",
              '  """',
              f'  services "Family support worker, {p.town()} Family Centre, weekly"',
              '  resources "Bus passes for appointments"',
              f'  assessment "Parenting assessment" {{ by {sw} due {p.day(40)} }}',
              f'  views child "{rng.choice(FIRST)} says school dinners are the best bit"',
              '  views parents "Agrees with the plan and asks for help with transport"',
              f'  views {p.members[1]} "Would like meetings after school hours"']
    if p.chance(0.3):
        lines += ['  disagreement "A parent does not accept the category" {',
                  f"    by {p.members[1]}", '    reason "Says the home is always warm"', "  }"]
    if p.chance(0.2):
        lines.append('  monitoring-only "Attendance is checked by the school each week"')
    signer = f"{sw}x" if p.slip else sw  # an undefined id: CP103 says "did you mean m1?"
    lines.append(f"  signed {signer} {p.day(1)}")
    if p.chance(0.2):  # less often than the usual four weeks: say why
        lines += ["  core-groups every 6 weeks {", f"    agreed-by {sw}",
                  '    reason "The family asked for fewer meetings during exams"', "  }"]
    else:
        lines.append(f"  core-groups every 4 weeks {{ agreed-by {sw} }}")
    if p.chance(0.1):
        lines.append('  delay-reason "The first core group waited for the interpreter"')
    if p.chance(0.15):
        lines.append(f"  ended {p.day(180)}")
        if p.chance(0.5):
            lines.append(f"  cin-meeting {p.day(190)}")
    return [""] + lines + [""]


def one_round(p: Plan) -> None:
    """Grow the plan by one need, outcome, action and meeting, and a member or two."""
    rng, n = p.rng, p.rounds + 1
    p.rounds = n
    for _ in range(rng.choice((1, 1, 2))):
        p.add("members", *member(p, rng.choice(ROLES)))
    domains = " ".join(rng.sample(DOMAINS, rng.choice((1, 2))))
    p.add("needs", f'  need n{n} "{rng.choice(NEEDS)}" {{ domain {domains} }}')
    p.add("outcomes", *outcome(p, n))
    p.add("actions", *action(p, n))
    if n % 2 == 1:
        p.add("meetings", *meeting(p, n // 2))


def outcome(p: Plan, n: int) -> list[str]:
    ident = f"o{n}"
    lines = [f'  outcome {ident} "{p.rng.choice(OUTCOMES).capitalize()}" {{', f"    need n{n}",
             '    measure "As recorded by the lead professional at each core group"',
             f"    by {p.day(60 + n % 300)}"]
    if p.rng.random() < 0.4:
        lines.append(f'    milestone "Half of the way there" by {p.day(30 + n % 300)}')
    return lines + ["  }"]


def action(p: Plan, n: int) -> list[str]:
    rng = p.rng
    lines = [f'  action a{n} "{rng.choice(ACTIONS)}" {{', f"    outcome o{n}",
             f"    owner {rng.choice(p.members)}"]
    if rng.random() < 0.6:
        lines.append("    support " + " ".join(rng.sample(p.members, min(2, len(p.members)))))
    lines.append(f"    due {p.day(20 + n % 200)}")
    status = rng.random()
    if status < 0.2:
        lines.append("    status done")
    elif status < 0.25:
        lines.append('    status dropped "No longer needed after the move"')
    elif status < 0.5:
        lines.append("    status open")
    if rng.random() < 0.1:
        lines.append("    monitoring  # checked at each core group, no due date of its own")
    return lines + [f"    agreed {p.day(1)}", "  }"]


def meeting(p: Plan, k: int) -> list[str]:
    rng = p.rng
    chair, others = p.members[0], p.members[1:]
    who = rng.sample(others, min(4, len(others)))
    lines = [f"  meeting core-group {p.day(10 + 28 * k)} {{",
             f'    venue "{p.town()} Family Centre"',
             f"    time {rng.randrange(9, 17)}:{rng.choice(('00', '30'))}",
             f"    chair {chair}", f"    notes {who[0]}",
             "    attended " + " ".join([chair, *who[:2]])]
    if len(who) > 3:
        lines.append(f"    apologies {who[3]} {{ report received }}")
    if len(who) > 2 and rng.random() < 0.2:
        lines.append(f"    absent {who[2]}")
    if rng.random() < 0.3:
        lines.append(f'    views {p.children[0]} "Says things are better at home"')
    if rng.random() < 0.1:
        lines.append('    cancelled "The venue was closed"')
    elif rng.random() < 0.1:
        lines.append("    recommendation continue")
    lines += [f"    minutes-circulated {p.day(15 + 28 * k)}", "  }"]
    return lines


def plan_text(seed: int, target_lines: int, slip: bool = False) -> str:
    return Plan(random.Random(seed), target_lines, slip).text()


def _fingerprint() -> str:
    """Changes when this generator or what it writes changes: then the data is stale."""
    source = Path(__file__).read_bytes()
    return hashlib.sha256(source + repr((SIZES, CORPUS_PLANS, CORPUS_LINES)).encode()).hexdigest()


def up_to_date() -> bool:
    return STAMP.is_file() and STAMP.read_text() == _fingerprint()


def write_all(force: bool = False) -> bool:
    """Write every benchmark file; False when they were already up to date."""
    if not force and up_to_date():
        return False
    DATA.mkdir(parents=True, exist_ok=True)
    for seed, (name, lines) in enumerate(SIZES.items(), start=1):
        (DATA / name).write_text(plan_text(seed, lines), encoding="utf-8")
    corpus = DATA / "corpus"
    corpus.mkdir(exist_ok=True)
    for i in range(CORPUS_PLANS):
        text = plan_text(10_000 + i, CORPUS_LINES, slip=i % 10 == 0)
        (corpus / f"plan-{i:04d}.cp").write_text(text, encoding="utf-8")
    STAMP.write_text(_fingerprint())
    return True


def syntax_errors(paths: list[Path]) -> list[str]:
    """Every CP100/CP101 in the files: a generated plan must have none."""
    from cpdsl.parsing import parse

    return [f"{path}:{e.span.line}: {e.code} {e.message}"
            for path in paths for e in parse(path.read_text(encoding="utf-8")).syntax_errors]


def unused_statements(text: str) -> set[str]:
    """Grammar rules that no part of `text` uses (the ones that show in a parse tree)."""
    from cpdsl.parsing.grammar import START_SYMBOLS, get_parser

    parser = get_parser()
    shown = {r.origin.name for r in parser.rules
             if not r.options.expand1 and not r.origin.name.startswith("_")}
    used = {str(tree.data) for tree in parser.parse(text, start="start").iter_subtrees()}
    return shown - used - set(START_SYMBOLS)


def check() -> int:
    paths = [DATA / name for name in SIZES] + sorted((DATA / "corpus").glob("*.cp"))
    problems = syntax_errors(paths)
    for name in ("plan-3000.cp", "plan-30000.cp"):
        unused = unused_statements((DATA / name).read_text(encoding="utf-8"))
        problems += [f"{name} never uses `{rule}`" for rule in sorted(unused)]
    print("\n".join(problems)
          or f"{len(paths)} plans parse cleanly; the big ones use every statement")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="write the files even if up to date")
    parser.add_argument("--check", action="store_true",
                        help="then parse every file: no syntax errors, every statement used")
    args = parser.parse_args()
    wrote = write_all(args.force)
    print(f"{'wrote' if wrote else 'up to date:'} {DATA}")
    return check() if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
