"""What an editor asks of one analysis of a plan: pure functions of `cpdsl.analysis.Analysis`
and a place, answering in the library's own terms.

Places are 1-based lines and columns in code points (`cpdsl.model.Span`, end exclusive),
edits are `cpdsl.fixes.Edit` in character offsets of `Analysis.text`; the language server
(lsp/cpdsl_lsp) converts both to the client's positions at its edge and holds no logic of
its own. Every function answers for any text, a half-typed plan with syntax errors
included, and never raises on one.
"""
