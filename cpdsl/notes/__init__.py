"""Reading a pack's filled-in notes back into the plan (issue 12, part 4; PACK.md
section 3): `cplint record NOTES.md --into PLAN`.

- cpdsl.notes.sections splits the Markdown into the Plan line, the notes heading and
  the notes' sections, each line with its number;
- cpdsl.notes.reader reads them, section by section by topic (cpdsl.pack.items), into a
  NotesRecord (cpdsl.notes.notes_record), with the people matched by cpdsl.notes.people
  and the action review table by cpdsl.notes.actions;
- cpdsl.notes.into_plan turns the record into edits of the plan's text;
- cpdsl.notes.command is the command: lay out, diff or write, lint.
"""
