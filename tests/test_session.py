"""The core session: one undo stack with Qt's merge and clean-state rules, revision, change events."""
from planner.core.project.commands import Command
from planner.core.project.model import Project
from planner.core.project.session import Session


class SetName(Command):
    merge_id = 7

    def __init__(self, name, merge=True):
        self.name, self.old, self.merge = name, None, merge
        self.label = f"Rename to {name}"

    def do(self, project):
        self.old, project.name = project.name, self.name

    def undo(self, project):
        project.name = self.old

    def merge_with(self, other):
        if not (self.merge and other.merge):
            return False
        self.name, self.label = other.name, other.label
        return True


def test_push_undo_redo_revision_and_events():
    s = Session(Project(name="a"))
    seen = []
    for ev in ("changed", "clean", "stack", "replaced"):
        s.subscribe(ev, lambda *a, ev=ev: seen.append((ev, *a)))
    s.push(SetName("b", merge=False))
    assert s.project.name == "b" and s.revision == 1 and s.is_modified()
    assert ("clean", False) in seen and seen[0][0] == "changed"
    assert s.undo_label() == "Rename to b" and not s.can_redo()
    s.undo()
    assert s.project.name == "a" and s.revision == 2 and s.is_clean() and s.redo_label() == "Rename to b"
    assert seen[-1] == ("clean", True)
    s.redo()
    assert s.project.name == "b" and s.revision == 3 and s.index == 1 and s.count() == 1


def test_merge_follows_qt_rules_and_clean_state():
    s = Session(Project(name="a"))
    s.push(SetName("b"))
    s.push(SetName("c"))
    assert s.count() == 1 and s.undo_label() == "Rename to c"
    s.set_clean()
    s.push(SetName("d"))  # merged into the saved command: the saved state is gone
    assert s.count() == 1 and s.is_modified()
    s.undo()
    assert s.project.name == "a" and s.is_modified()


def test_saved_state_lost_when_its_redo_branch_is_dropped():
    s = Session(Project(name="a"))
    s.push(SetName("b", merge=False))
    s.set_clean()
    s.undo()
    s.push(SetName("x", merge=False))
    s.undo()
    assert s.is_modified()  # back at "a", which was never saved


def test_replace_clears_history_and_unsubscribe():
    s = Session(Project(name="a"))
    calls = []
    off = s.subscribe("changed", calls.append)
    s.push(SetName("b", merge=False))
    off()
    s.push(SetName("c", merge=False))
    assert len(calls) == 1
    s.replace(Project(name="z"))
    assert s.project.name == "z" and not s.can_undo() and s.is_clean()
