"""Small request/response types and body parsing (JSON, form-encoded, multipart)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, quote

from .forms import Upload

MAX_BODY_BYTES = 16 * 1024 * 1024


@dataclass
class Request:
    method: str
    target: str  # path with query, as received
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes = b""
    _parsed: tuple[dict[str, str], dict[str, Upload]] | None = field(default=None, repr=False)

    @property
    def cookies(self) -> dict[str, str]:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(self.headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie header is treated as no cookies
            return {}
        return {name: morsel.value for name, morsel in jar.items()}

    def form(self) -> tuple[dict[str, str], dict[str, Upload]]:
        """Posted values (first value per name) and uploaded files by input name."""
        if self._parsed is None:
            self._parsed = parse_body(self.headers.get("content-type", ""), self.body)
        return self._parsed


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, Upload]]:
    kind = content_type.split(";")[0].strip().lower()
    values: dict[str, str] = {}
    uploads: dict[str, Upload] = {}
    if not body:
        return values, uploads
    if kind == "application/json":
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return values, uploads
        if isinstance(data, dict):
            values = {str(k): "" if v is None else str(v) for k, v in data.items()}
        return values, uploads
    if kind == "multipart/form-data":
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        if not message.is_multipart():
            return values, uploads
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not name:
                continue
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                if filename or payload:
                    uploads[str(name)] = Upload(filename, part.get_content_type(), len(payload))
            else:
                text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
                values.setdefault(str(name), text)
        return values, uploads
    # form-encoded, or text/plain from navigator.sendBeacon
    text = body.decode("utf-8", "replace")
    parsed = parse_qs(text, keep_blank_values=True)
    values = {k: v[0] for k, v in parsed.items()}
    if not values and text.strip():
        values = {"body": text[:2000]}
    return values, uploads


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def html(cls, text: str, status: int = 200) -> Response:
        return cls(status, text.encode("utf-8"))

    @classmethod
    def json(cls, data: object, status: int = 200) -> Response:
        body = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        return cls(status, body, "application/json; charset=utf-8")

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Response:
        return cls(status, b"", "text/plain; charset=utf-8", [("Location", location)])

    def set_cookie(
        self, name: str, value: str, *, max_age: int | None = 31536000, http_only: bool = True
    ) -> Response:
        parts = [f"{name}={value}", "Path=/", "SameSite=Lax"]
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        if http_only:
            parts.append("HttpOnly")
        self.headers.append(("Set-Cookie", "; ".join(parts)))
        return self

    def delete_cookie(self, name: str) -> Response:
        self.headers.append(("Set-Cookie", f"{name}=; Path=/; Max-Age=0; SameSite=Lax"))
        return self


def with_next(url: str, next_url: str) -> str:
    return f"{url}?next={quote(next_url, safe='')}"
