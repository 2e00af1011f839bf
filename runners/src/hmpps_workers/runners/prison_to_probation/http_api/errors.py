"""HMPPS's error body (`status`, `userMessage`, `developerMessage`) for every refusal.

Validation errors name the parameter and the rule it broke, never the value sent, so
nothing a caller typed (a name, a prison number) is echoed back or logged.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ErrorResponse(BaseModel):
    """The HMPPS error body, as the original's Spring controller advice sent it."""

    status: int = Field(description="The HTTP status code, repeated")
    errorCode: int | None = Field(default=None, description="Unused; always null")
    userMessage: str = Field(description="What went wrong, for a person")
    developerMessage: str = Field(description="What went wrong, for a developer")
    moreInfo: str | None = Field(default=None, description="Unused; always null")


class HmppsError(Exception):
    """An HTTP refusal carrying the HMPPS error body."""

    def __init__(self, status: int, user: str, developer: str | None = None) -> None:
        """The status and both messages (the developer's defaults to the user's)."""
        super().__init__(user)
        self.status = status
        self.user = user
        self.developer = developer or user


def error_response(
    status: int, user: str, developer: str | None = None
) -> JSONResponse:
    """The body as a response."""
    body = ErrorResponse(
        status=status, userMessage=user, developerMessage=developer or user
    )
    return JSONResponse(body.model_dump(), status_code=status)


def _parameter(location: tuple[int | str, ...]) -> str:
    """`daysOld` from pydantic's `("query", "daysOld")`."""
    names = [str(part) for part in location if part not in {"query", "path"}]
    return ".".join(names) or "request"


async def _validation(request: Request, error: Exception) -> JSONResponse:
    del request
    assert isinstance(error, RequestValidationError)  # noqa: S101 - registered so
    problems = [
        f"{_parameter(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}"
        for e in error.errors()
    ]
    first = problems[0].split(":", 1)[0] if problems else "request"
    return error_response(400, f"Invalid parameter {first}", "; ".join(problems))


async def _hmpps(request: Request, error: Exception) -> JSONResponse:
    del request
    assert isinstance(error, HmppsError)  # noqa: S101 - registered so
    response = error_response(error.status, error.user, error.developer)
    if error.status == 401:  # noqa: PLR2004 - RFC 6750
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


async def _http(request: Request, error: Exception) -> JSONResponse:
    del request
    assert isinstance(error, StarletteHTTPException)  # noqa: S101 - registered so
    return error_response(error.status_code, str(error.detail))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.error(
        "request failed",
        extra={"error": type(error).__name__, "method": request.method},
    )
    return error_response(500, "Unexpected error", "see the service's log")


def install(app: FastAPI) -> None:
    """Answer every refusal with the HMPPS body."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HmppsError, _hmpps)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


def responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI entries for the error statuses an operation can answer."""
    text = {
        400: "A parameter is not valid",
        401: "No valid bearer token",
        403: "The token lacks the role",
        404: "No such queue",
        503: "Too busy, or HMPPS Auth's keys are unreachable",
    }
    return {
        status: {"model": ErrorResponse, "description": text.get(status, "Error")}
        for status in statuses
    }
