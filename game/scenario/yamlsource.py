"""Safe, bounded YAML reading that remembers where every key and value came from.

PyYAML's loaders lose positions, silently keep the last of two duplicate keys, expand
aliases without limit and recurse once per level of nesting. Here the document is read
as a stream of parser *events* (libyaml's C parser when available, else PyYAML's own;
both are iterative) and built into plain data by hand:

- only YAML's own scalar types are made (text, numbers, booleans, null, dates); any
  other tag (``!foo``, ``!!python/object``) is an error, so no code can run;
- every mapping key and sequence item gets a position (line, column, 1-based);
- a duplicate key is an error at the second occurrence (the first value is kept);
- aliases are counted by the size of what they repeat, so an "alias bomb" is rejected
  as soon as the total passes :data:`MAX_NODES`, without expanding anything;
- nesting deeper than :data:`MAX_DEPTH` is rejected when it is reached;
- each non-text scalar keeps its source text, so that a later type error can say that
  YAML read ``NO`` as ``false`` and suggest quoting it.

Problems in the YAML itself (syntax, bad characters, bombs) raise :class:`ScenarioError`
with one diagnostic. Problems in a value that parsed (a duplicate key, a custom tag, a
``.nan``) are collected in :attr:`Document.problems` so that the loader reports them
together with every other error of the file. Never a PyYAML or Python error escapes.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field
from typing import Any, cast

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

from game.scenario.diagnostics import Diagnostic, Path, ScenarioError

MAX_BYTES = 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_OCTAL = re.compile(r"[-+]?0[0-7_]+$")
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]{0,17})$")

#: libyaml's parser is ~20x faster than the pure-Python one; both give the same events.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_IMPLICIT = yaml.SafeLoader.yaml_implicit_resolvers
_SCALAR_CONSTRUCTORS = {
    tag: fn
    for tag, fn in SafeConstructor.yaml_constructors.items()
    if tag
    in {
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:binary",
    }
}
#: Characters YAML does not allow in a stream (C0 controls but tab/LF/CR, DEL...,
#: lone surrogates, U+FFFE/U+FFFF). Found before parsing so the position is exact.
_BAD_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


#: Where a key (or a sequence item) and its value start: the parser's marks of the two
#: (0-based ``line`` and ``column`` attributes), turned into 1-based numbers only when a
#: diagnostic asks. A big scenario has tens of thousands of them.
Position = tuple[Any, Any]


@dataclass(frozen=True, slots=True)
class Scalar:
    """What the file said for a scalar that YAML turned into a non-string value."""

    text: str
    plain: bool


@dataclass
class Document:
    """Plain data from the file plus a map from each path to where it was written.

    ``problems`` are errors found while reading values (duplicate keys, tags, NaN);
    ``replaced`` are the paths whose value was replaced by its raw text because it could
    not be read, so that the loader does not report them a second time.
    """

    data: Any
    positions: dict[Path, Position] = field(default_factory=dict)
    scalars: dict[Path, Scalar] = field(default_factory=dict)
    source: str = "<string>"
    text: str = ""
    problems: list[Diagnostic] = field(default_factory=list)
    replaced: set[Path] = field(default_factory=set)

    def locate(self, path: Path, *, at_key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that was written down."""
        probe = tuple(path)
        while probe not in self.positions and probe:
            probe = probe[:-1]
        pos = self.positions.get(probe)
        if pos is None:
            return 1, 1
        mark = pos[0] if at_key or probe != tuple(path) else pos[1]
        return mark.line + 1, mark.column + 1

    def line_text(self, line: int) -> str:
        """The source text of a 1-based line ('' when out of range)."""
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


_QUOTED = "'\"|>"  # scalar styles that always mean text (C plain style is '', Python's None)


def _is_text(event: Any) -> bool:
    """A scalar that is plainly text: quoted, or plain and unable to be anything else."""
    if type(event) is not ScalarEvent or event.tag is not None or event.anchor is not None:
        return False
    style = event.style
    return bool(style and style in _QUOTED) or event.value[:1] not in _IMPLICIT


class _Abort(Exception):
    """Stop reading: the document cannot be used at all."""

    def __init__(self, path: Path, event: Event, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.event = event


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG_PREFIX) :] if tag.startswith(_YAML_TAG_PREFIX) else tag


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Builder:
    """Turns the parser's event stream into data, positions and problems."""

    def __init__(self, loader: Any, source: str, doc: Document) -> None:
        self.loader = loader
        self.source = source
        self.doc = doc
        self.nodes = 0
        # anchor name -> (value, number of values it stands for, where it was defined)
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.open_anchors: set[str] = set()
        self.constructor = SafeConstructor()

    # ------------------------------------------------------------------ helpers

    def error(self, path: Path, event: Event, message: str, *, replaced: bool = False) -> None:
        line, column = _position(event.start_mark)
        self.doc.problems.append(Diagnostic("error", path, message, line, column, self.source))
        if replaced:
            self.doc.replaced.add(path)

    def count(self, path: Path, event: Event, amount: int = 1) -> None:
        self.nodes += amount
        if self.nodes > MAX_NODES:
            if isinstance(event, AliasEvent):
                message = (
                    f"alias '*{event.anchor}' makes the document expand to more than "
                    f"{MAX_NODES:,} values: aliases that repeat each other (an 'alias "
                    "bomb') are not allowed"
                )
            else:
                message = f"the document has more than {MAX_NODES:,} values; it is far too big"
            raise _Abort(path, event, message)

    # ------------------------------------------------------------------ nodes

    def node(self, path: Path, depth: int, event: Any) -> Any:
        """Read the node that ``event`` starts (scalar, alias, sequence or mapping)."""
        kind = type(event)
        if kind is ScalarEvent:
            self.nodes += 1
            if self.nodes > MAX_NODES:
                self.count(path, event, 0)
            value = event.value if _is_text(event) else self.scalar(path, event)
            if event.anchor is not None:
                self.anchor(event, value, self.nodes - 1)
            return value
        if kind is AliasEvent:
            return self.alias(path, event)
        if kind is SequenceStartEvent or kind is MappingStartEvent:
            if depth >= MAX_DEPTH:
                raise _Abort(path, event, f"nested deeper than {MAX_DEPTH} levels")
            start = self.nodes
            self.count(path, event)
            self.collection_tag(path, event)
            if event.anchor is not None:
                self.open_anchors.add(event.anchor)
            if kind is SequenceStartEvent:
                value = self.sequence(path, depth, event)
            else:
                value = self.mapping(path, depth, event)
            if event.anchor is not None:
                self.open_anchors.discard(event.anchor)
            self.anchor(event, value, start)
            return value
        raise _Abort(path, event, "unexpected YAML structure")  # pragma: no cover

    def anchor(self, event: Any, value: Any, start: int) -> None:
        name = event.anchor
        if name is None:
            return
        if name in self.anchors:
            first = self.anchors[name][2]
            self.error((), event, f"anchor '&{name}' is defined twice (first at line {first})")
        self.anchors[name] = (value, self.nodes - start, event.start_mark.line + 1)

    def alias(self, path: Path, event: AliasEvent) -> Any:
        name = event.anchor
        if name in self.open_anchors:
            raise _Abort(path, event, f"alias '*{name}' is inside the value it refers to (a loop)")
        if name not in self.anchors:
            raise _Abort(path, event, f"alias '*{name}' is used before any '&{name}' defines it")
        value, size, _ = self.anchors[name]
        self.count(path, event, size)
        return value

    def collection_tag(self, path: Path, event: Any) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag in (_SEQ, _MAP):
            return
        self.error(
            path,
            event,
            f"YAML tags such as '{_short_tag(tag)}' are not allowed in a scenario",
            replaced=True,
        )

    def scalar(self, path: Path, event: ScalarEvent) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = _STR
            if event.implicit[0]:
                for candidate, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        tag = candidate
                        break
        if tag == _STR:
            return value
        plain = not event.style and event.tag is None
        if tag == _INT and _DECIMAL.match(value):
            self.doc.scalars[path] = Scalar(value, plain)
            return int(value)
        if tag in (_INT, _FLOAT) and plain:
            # YAML 1.1 reads a leading 0 as octal and colons as base 60: "010" is 8 and
            # "1:20" is 80. Nobody writing a scenario means either.
            if _OCTAL.match(value):
                self.error(
                    path,
                    event,
                    f"YAML reads `{value}` as the octal number {int(value.replace('_', ''), 8)}: "
                    "write it without the leading 0",
                    replaced=True,
                )
                return value
            if ":" in value:
                self.error(
                    path,
                    event,
                    f"YAML reads `{value}` as a number in base 60: write a plain number, or "
                    "quote it if it is text",
                    replaced=True,
                )
                return value
        construct = _SCALAR_CONSTRUCTORS.get(tag)
        if construct is None:
            self.error(
                path,
                event,
                f"YAML tags such as '{_short_tag(tag)}' are not allowed in a scenario",
                replaced=True,
            )
            return value
        try:
            result = construct(
                self.constructor, ScalarNode(tag, value, cast(Any, event.start_mark))
            )
        except (ConstructorError, ValueError, OverflowError, TypeError) as exc:
            reason = "number too large" if "digits" in str(exc) else str(exc).split("\n")[0]
            self.error(path, event, f"cannot read {_shorten(value)!r}: {reason}", replaced=True)
            return value
        if isinstance(result, float) and not math.isfinite(result):
            self.error(
                path,
                event,
                f"'{_shorten(value)}' is not a number a scenario can use (give a finite number)",
                replaced=True,
            )
            return value
        if isinstance(result, int) and not isinstance(result, bool) and result.bit_length() > 256:
            self.error(path, event, f"the number {_shorten(value)} is too large", replaced=True)
            return value
        self.doc.scalars[path] = Scalar(value, plain)
        return result

    def sequence(self, path: Path, depth: int, start: Event) -> list[Any]:
        items: list[Any] = []
        get_event = self.loader.get_event
        positions = self.doc.positions
        while True:
            event = get_event()
            if type(event) is SequenceEndEvent:
                break
            child = (*path, len(items))
            mark = event.start_mark
            positions[child] = (mark, mark)
            # _is_text(event), inlined: this loop runs for every list item of the file
            if (
                type(event) is ScalarEvent
                and event.tag is None
                and event.anchor is None
                and ((event.style and event.style in _QUOTED) or event.value[:1] not in _IMPLICIT)
            ):
                self.nodes += 1
                items.append(event.value)
            else:
                items.append(self.node(child, depth + 1, event))
        if self.nodes > MAX_NODES:
            self.count(path, start, 0)
        return items

    def mapping(self, path: Path, depth: int, start: Event) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Event] = {}
        merges: list[tuple[Event, Any]] = []
        get_event = self.loader.get_event
        positions = self.doc.positions
        while True:
            key_event = get_event()
            if type(key_event) is MappingEndEvent:
                break
            if type(key_event) is not ScalarEvent:
                # A list, a mapping or an alias used as a key: read it and its value.
                self.node((*path, "?"), depth + 1, key_event)
                self.error(
                    path, key_event, "a key must be a plain word, not a list, a mapping or an alias"
                )
                self.node((*path, "?"), depth + 1, get_event())
                continue
            self.nodes += 1
            key = key_event.value
            value_event = get_event()
            if key == "<<" and key_event.tag is None and key_event.implicit[0]:
                merges.append((key_event, self.node(path, depth + 1, value_event)))
                continue
            child = (*path, key)
            if key in first_seen:
                self.node((*child, "<duplicate>"), depth + 1, value_event)
                first = _position(first_seen[key].start_mark)[0]
                self.error(
                    child,
                    key_event,
                    f"duplicate key '{key}' (first written at line {first}); remove one of them",
                )
                continue
            first_seen[key] = key_event
            positions[child] = (key_event.start_mark, value_event.start_mark)
            # _is_text(value_event), inlined: this loop runs for every key of the file
            if (
                type(value_event) is ScalarEvent
                and value_event.tag is None
                and value_event.anchor is None
                and (
                    (value_event.style and value_event.style in _QUOTED)
                    or value_event.value[:1] not in _IMPLICIT
                )
            ):
                self.nodes += 1
                result[key] = value_event.value
            else:
                result[key] = self.node(child, depth + 1, value_event)
        if self.nodes > MAX_NODES:
            self.count(path, start, 0)
        for key_event, merged in merges:
            sources = merged if isinstance(merged, list) else [merged]
            for source in sources:
                if not isinstance(source, dict):
                    self.error(
                        path,
                        key_event,
                        "'<<' merges only mappings (an alias to a mapping, or a list of them)",
                    )
                    continue
                for key, value in source.items():
                    result.setdefault(key, value)
        return result

    # ------------------------------------------------------------------ document

    def document(self) -> Any:
        loader = self.loader
        event = loader.get_event()
        if not isinstance(event, StreamStartEvent):  # pragma: no cover - parser guarantees
            raise _Abort((), event, "not a YAML stream")
        if loader.check_event(StreamEndEvent):
            return None
        loader.get_event()  # DocumentStartEvent
        root = loader.get_event()
        self.doc.positions[()] = (root.start_mark, root.start_mark)
        data = self.node((), 0, root)
        loader.get_event()  # DocumentEndEvent
        if loader.check_event(DocumentStartEvent):
            extra = loader.peek_event()
            raise _Abort(
                (),
                extra,
                "only one YAML document per scenario file (remove the "
                "'---' that starts a second one, or everything after it)",
            )
        return data


def decode(raw: bytes, source: str) -> str:
    """Bytes of a scenario file -> text, or a ScenarioError saying why it is not text."""
    if len(raw) > MAX_BYTES:
        raise ScenarioError(
            [
                _whole_file(
                    source,
                    f"file is {len(raw):,} bytes; scenarios are limited to "
                    f"{MAX_BYTES:,} bytes (1 MiB)",
                )
            ]
        )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ScenarioError([_whole_file(source, "the file is UTF-16 text; save it as UTF-8")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise ScenarioError(
            [
                Diagnostic(
                    "error",
                    (),
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the "
                    "file as UTF-8, or is it a binary file?",
                    line,
                    col,
                    source,
                )
            ]
        ) from None
    return text


def _check_characters(text: str, source: str) -> None:
    bad = _BAD_CHAR.search(text)
    if bad is None:
        return
    index = bad.start()
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    char = bad.group()
    if char == "\0":
        what = "a NUL byte"
    elif 0xD800 <= ord(char) <= 0xDFFF:
        what = f"a broken character (lone surrogate U+{ord(char):04X})"
    else:
        what = f"the control character U+{ord(char):04X}"
    raise ScenarioError(
        [
            Diagnostic(
                "error",
                (),
                f"contains {what}, which YAML does not allow; is this a binary file?",
                line,
                column,
                source,
            )
        ]
    )


def parse(text: str, source: str = "<string>") -> Document:
    """Read one YAML document into a :class:`Document`.

    Raises ScenarioError when the text is not a usable YAML mapping at all; problems
    with single values are left in ``Document.problems``.
    """
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ScenarioError(
            [
                _whole_file(
                    source,
                    f"the text is over {MAX_BYTES:,} bytes (1 MiB), the limit for a scenario",
                )
            ]
        )
    text = text.removeprefix("\ufeff")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise ScenarioError(
            [
                _whole_file(
                    source,
                    "the file is empty; a scenario is a YAML "
                    "mapping starting with 'id:', 'title:', ...",
                )
            ]
        )
    _check_characters(text, source)
    doc = Document(data=None, source=source, text=text)
    loader = _Loader(text)
    builder = _Builder(loader, source, doc)
    try:
        doc.data = builder.document()
    except _Abort as abort:
        line, column = _position(abort.event.start_mark)
        path = abort.path if len(abort.path) <= 8 else abort.path[:8]
        raise ScenarioError([Diagnostic("error", path, str(abort), line, column, source)]) from None
    except yaml.MarkedYAMLError as exc:
        raise ScenarioError(
            [_unclosed_quote(text, exc, source) or _syntax(exc, source, text)]
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(
            [_whole_file(source, "YAML error: " + str(exc).split("\n")[0])]
        ) from None
    except (RecursionError, UnicodeError, MemoryError) as exc:  # pragma: no cover - defensive
        raise ScenarioError(
            [_whole_file(source, f"cannot read the YAML ({type(exc).__name__})")]
        ) from None
    finally:
        loader.dispose()
    if not isinstance(doc.data, dict):
        described = _kind(doc.data)
        line, column = doc.locate(())
        raise ScenarioError(
            [
                Diagnostic(
                    "error",
                    (),
                    f"the top level must be a mapping of keys (id:, title:, ...), not {described}",
                    line,
                    column,
                    source,
                )
            ]
        )
    return doc


def _kind(value: Any) -> str:
    if value is None:
        return "an empty document"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a piece of text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "a single value"


def _whole_file(source: str, message: str) -> Diagnostic:
    return Diagnostic("error", (), message, 1, 1, source)


def _syntax(exc: yaml.MarkedYAMLError, source: str, text: str = "") -> Diagnostic:
    """A parser error (from libyaml or PyYAML, whose wordings differ) as one diagnostic.

    ``text`` is the parsed text: libyaml's marks carry no buffer, so a tab at the error
    is found by looking there.
    """
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    start = exc.context_mark
    started = f"line {start.line + 1}, column {start.column + 1}" if start else "above"
    if "nesting depth" in problem or "nesting depth" in context:
        message = f"nested deeper than {MAX_DEPTH} levels"
    elif "\\t" in problem or "tab" in problem or _tab_at(mark) or _tab_in(text, mark):
        message = "tab character: indent with spaces, not tabs"
    elif "end of stream" in problem and "quoted" in context:
        message = "unclosed quote: the text that starts here has no closing quote"
        if start is not None:
            line, column = start.line + 1, start.column + 1
    elif "escape" in problem:
        message = (
            "unknown escape in double-quoted text (write a backslash as '\\\\', or use "
            "single quotes)"
        )
    elif "mapping values are not allowed" in problem:
        message = (
            "a ':' where none can be: check the indentation of this line, put a space "
            "after ':', or quote a value that contains ': '"
        )
    elif "flow sequence" in context:
        message = f"the list opened with '[' at {started} is not closed: expected ',' or ']'"
    elif "flow mapping" in context:
        message = f"the mapping opened with '{{' at {started} is not closed: expected ',' or '}}'"
    elif "block collection" in context or "block mapping" in context or "indentation" in problem:
        message = (
            "indentation does not line up: this line is indented differently from the "
            f"lines of the same list or mapping (which starts at {started})"
        )
    elif "directive" in context or "directive" in problem:
        message = (
            "a line starting with '%' is a YAML directive, and not one YAML knows; "
            "remove it (or quote the text if it is a value)"
        )
    elif "document start" in problem:
        message = (
            "text after the end of the document ('...'); remove it, or start a mapping key here"
        )
    elif "alias" in context or "alias" in problem or "anchor" in context or "anchor" in problem:
        message = "bad anchor or alias: " + "; ".join(p for p in (context, problem) if p)
    else:
        joined = "; ".join(part for part in (context, problem) if part)
        message = f"YAML syntax: {joined or 'cannot parse'}"
    return Diagnostic("error", (), message, line, column, source)


_VALUE_START = frozenset(":-[{,?")


def _open_quote(line: str) -> int | None:
    """Column (0-based) of a quote that starts a value on ``line`` and is not closed there."""
    quote: str | None = None
    start = 0
    previous = ""  # the last non-blank character outside quotes
    i = 0
    while i < len(line):
        char = line[i]
        if quote is None:
            if char == "#" and (i == 0 or line[i - 1] in " \t"):
                return None  # a comment
            if char in "'\"" and (previous == "" or previous in _VALUE_START):
                quote, start = char, i
            elif char not in " \t":
                previous = char
        elif quote == "'" and char == "'":
            if line[i + 1 : i + 2] == "'":
                i += 1  # '' is an escaped quote
            else:
                quote, previous = None, "'"
        elif quote == '"' and char == "\\":
            i += 1
        elif quote == '"' and char == '"':
            quote, previous = None, '"'
        i += 1
    return start if quote is not None else None


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError, source: str) -> Diagnostic | None:
    """A syntax error after a quote left open on its line is most likely that quote's fault.

    YAML lets quoted text run over several lines, so a missing closing quote is only
    noticed much later, wherever the next quote happens to be. Point at the opening one.
    """
    mark = exc.problem_mark or exc.context_mark
    if mark is None or "end of stream" in (exc.problem or ""):
        return None  # the quote runs to the end of the file: _syntax says so precisely
    for number, line in enumerate(text.splitlines()[: mark.line + 1]):
        column = _open_quote(line)
        if column is not None and number < mark.line:
            return Diagnostic(
                "error",
                (),
                f"unclosed quote? the quoted text that starts here runs on to line "
                f"{mark.line + 1}, where the YAML stops making sense; add the closing "
                f"{line[column]}",
                number + 1,
                column + 1,
                source,
            )
    return None


def _tab_at(mark: Any) -> bool:
    buffer = getattr(mark, "buffer", None)
    if not buffer or mark.pointer is None:
        return False
    return 0 <= mark.pointer < len(buffer) and buffer[mark.pointer] == "\t"


def _tab_in(text: str, mark: Any) -> bool:
    """Whether the error's line has a tab in its indentation or at the error's column.

    libyaml reports a tab before a key as "found character that cannot start any token",
    with no buffer on its mark to look at.
    """
    if mark is None or not text:
        return False
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines):
        return False
    line = lines[mark.line]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return "\t" in indent or line[mark.column : mark.column + 1] == "\t"


def _position(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a YAML mark (the file's start when the parser gave none)."""
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1
