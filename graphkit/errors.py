"""The one error hierarchy: every failure the CLI reports as a one-line message."""


class GraphkitError(Exception):
    """Base class of every error graphkit raises on purpose."""


class InputError(GraphkitError):
    """A file or argument cannot be read as what it claims to be; the message names it."""


class QueryError(GraphkitError):
    """A SPARQL query is malformed, refused (an update, SERVICE) or failed to run."""


class QueryTimeout(QueryError):
    """A SPARQL query ran past its time limit and was stopped."""


class UnknownExtractor(GraphkitError):
    """No extractor is registered under the requested name."""


def first_line(error: BaseException) -> str:
    """The first line of `error`'s message, for a one-line report ("no message" if it has none)."""
    return (str(error).strip().splitlines() or ["no message"])[0]
