"""Safe, bounded YAML reading that remembers where every key and value came from.

PyYAML's loaders lose positions, silently keep the last of two duplicate keys and expand
aliases without limit. Here the document is only *composed* into nodes by the safe
loader (no Python objects, no tags beyond YAML's own) and then walked by hand:

- every mapping key and sequence item gets a position (line, column, 1-based);
- a duplicate key is an error at the second occurrence;
- aliases are expanded under a node budget, so an "alias bomb" fails fast;
- nesting is bounded;
- each scalar keeps its source text, so that a later type error can say that YAML read
  ``NO`` as ``false`` and suggest quoting it.

Anything wrong is raised as :class:`ScenarioError` carrying diagnostics, never a
PyYAML or Python error.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.scenario.diagnostics import Diagnostic, Path, ScenarioError

MAX_BYTES = 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True, slots=True)
class Position:
    """Where a key (or a sequence item) and its value start, 1-based."""

    key_line: int
    key_column: int
    value_line: int
    value_column: int


@dataclass(frozen=True, slots=True)
class Scalar:
    """What the file said for a scalar that YAML turned into a non-string value."""

    text: str
    plain: bool


@dataclass
class Document:
    """Plain data from the file plus a map from each path to where it was written."""

    data: Any
    positions: dict[Path, Position] = field(default_factory=dict)
    scalars: dict[Path, Scalar] = field(default_factory=dict)
    source: str = "<string>"

    def locate(self, path: Path, *, at_key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that was written down."""
        probe = tuple(path)
        while probe not in self.positions and probe:
            probe = probe[:-1]
        pos = self.positions.get(probe)
        if pos is None:
            return 1, 1
        if at_key or probe != tuple(path):
            return pos.key_line, pos.key_column
        return pos.value_line, pos.value_column


class _Walker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.doc = Document(data=None, source=source)
        self.nodes = 0
        self.constructor = SafeConstructor()
        self.problems: list[Diagnostic] = []

    def error(self, path: Path, node: Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Diagnostic("error", path, message, mark.line + 1, mark.column + 1, self.source)
        )

    def walk(self, node: Node, path: Path, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Abort(path, node, f"the document expands to more than {MAX_NODES} values "
                         "(aliases that repeat each other?)")
        if depth > MAX_DEPTH:
            raise _Abort(path, node, f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.remember(path + (index,), child, child)
                items.append(self.walk(child, path + (index,), depth + 1))
            return items
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        raise _Abort(path, node, "unsupported YAML node")

    def scalar(self, node: ScalarNode, path: Path) -> Any:
        if node.tag not in (_STR_TAG,) and not node.tag.startswith("tag:yaml.org,2002:"):
            self.error(path, node, f"custom YAML tags are not allowed ({node.tag})")
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, OverflowError) as exc:
            self.error(path, node, f"cannot read value {node.value!r}: {exc}".split("\n")[0])
            return node.value
        if not isinstance(value, str):
            self.doc.scalars[path] = Scalar(node.value, node.style is None)
            if isinstance(value, float) and value != value:  # NaN
                self.error(path, node, "'.nan' is not a number a scenario can use")
        return value

    def mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag == _MERGE_TAG:
                merged.append((key_node, value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(path, key_node, "keys must be plain words, not lists or mappings")
                continue
            # A key is always the text written: `no:` or `1:` mean the word, not a value.
            key = key_node.value
            if key in first_seen:
                self.error(
                    path + (key,),
                    key_node,
                    f"duplicate key '{key}' (first written at line {first_seen[key]})",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.remember(path + (key,), key_node, value_node)
            result[key] = self.walk(value_node, path + (key,), depth + 1)
        for key_node, value_node in merged:
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, MappingNode):
                    self.error(path, key_node, "'<<' merges only mappings")
                    continue
                extra = self.mapping(source, path, depth + 1)
                for key, value in extra.items():
                    result.setdefault(key, value)
        return result

    def remember(self, path: Path, key_node: Node, value_node: Node) -> None:
        k, v = key_node.start_mark, value_node.start_mark
        self.doc.positions.setdefault(
            path, Position(k.line + 1, k.column + 1, v.line + 1, v.column + 1)
        )


class _Abort(Exception):
    def __init__(self, path: Path, node: Node, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.node = node


def decode(raw: bytes, source: str) -> str:
    """Bytes of a scenario file -> text, or a ScenarioError saying why it is not text."""
    if len(raw) > MAX_BYTES:
        raise ScenarioError(
            [_whole_file(source, f"file is {len(raw):,} bytes; scenarios are limited to "
                         f"{MAX_BYTES:,} bytes (1 MiB)")]
        )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ScenarioError(
            [Diagnostic("error", (), f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                        "is this a binary file?", line, col, source)]
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise ScenarioError(
            [Diagnostic("error", (), "contains a NUL byte; is this a binary file?", line, col,
                        source)]
        )
    return text


def parse(text: str, source: str = "<string>") -> Document:
    """Compose and walk one YAML document; raise ScenarioError with every problem found."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ScenarioError([_whole_file(source, f"scenarios are limited to {MAX_BYTES:,} bytes")])
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise ScenarioError([_whole_file(source, "the file is empty; a scenario is a YAML "
                                         "mapping starting with 'id:', 'title:', ...")])
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise ScenarioError([_syntax(exc, source)]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([_whole_file(source, f"YAML error: {exc}".split("\n")[0])]) from None
    except RecursionError:
        raise ScenarioError(
            [_whole_file(source, f"nesting deeper than {MAX_DEPTH} levels")]
        ) from None
    if node is None:
        raise ScenarioError([_whole_file(source, "the file holds no YAML document")])
    walker = _Walker(source)
    walker.doc.positions[()] = Position(
        node.start_mark.line + 1, node.start_mark.column + 1,
        node.start_mark.line + 1, node.start_mark.column + 1,
    )
    try:
        walker.doc.data = walker.walk(node, (), 0)
    except _Abort as abort:
        mark = abort.node.start_mark
        raise ScenarioError(
            [Diagnostic("error", abort.path, str(abort), mark.line + 1, mark.column + 1, source)]
        ) from None
    except RecursionError:
        raise ScenarioError([_whole_file(source, "nesting too deep")]) from None
    if walker.problems:
        raise ScenarioError(walker.problems)
    if not isinstance(walker.doc.data, dict):
        kind = type(walker.doc.data).__name__
        described = {"list": "a list", "str": "a piece of text"}.get(kind, f"a single {kind}")
        raise ScenarioError(
            [Diagnostic("error", (), f"the top level must be a mapping of keys (id:, title:, "
                        f"...), not {described}", node.start_mark.line + 1,
                        node.start_mark.column + 1, source)]
        )
    return walker.doc


def _whole_file(source: str, message: str) -> Diagnostic:
    return Diagnostic("error", (), message, 1, 1, source)


def _syntax(exc: yaml.MarkedYAMLError, source: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "'\\t'" in problem or "\\t" in problem or "tab" in problem:
        message = "tab character: indent with spaces, not tabs"
    elif "found unexpected end of stream" in problem and "quoted" in context:
        message = "unclosed quote: the string that starts here never ends"
        if exc.context_mark is not None:
            line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
    elif "expected a single document" in context or "but found another document" in problem:
        message = "only one YAML document per scenario file (remove the extra '---')"
    elif "found duplicate anchor" in context or "found duplicate anchor" in problem:
        message = f"YAML syntax: {context or problem}"
    elif "mapping values are not allowed here" in problem:
        message = "a ':' where none can be (a missing space after ':' before, or a value " \
                  "that needs quotes?)"
    elif "found undefined alias" in context or "found undefined alias" in problem:
        message = f"alias used before its anchor is defined ({problem})"
    else:
        joined = "; ".join(part for part in (context, problem) if part)
        message = f"YAML syntax: {joined or 'cannot parse'}"
    return Diagnostic("error", (), message, line, column, source)
