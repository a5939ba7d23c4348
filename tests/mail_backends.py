"""E-mail backends for tests: a server that is down, one that fails some addresses."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class DownBackend(LocmemBackend):
    """Every connection attempt fails, as with the SMTP server down."""

    calls = 0

    def open(self):
        DownBackend.calls += 1
        raise ConnectionRefusedError("SMTP down")

    def send_messages(self, messages):
        self.open()


class FlakyBackend(LocmemBackend):
    """``failures[address]`` messages to that address are refused before one goes through;
    ``server_errors`` makes the server unreachable for that many messages."""

    failures = {}
    server_errors = 0

    def send_messages(self, messages):
        for message in messages:
            if FlakyBackend.server_errors:
                FlakyBackend.server_errors -= 1
                raise smtplib.SMTPServerDisconnected("connection lost")
            left = FlakyBackend.failures.get(message.to[0], 0)
            if left:
                FlakyBackend.failures[message.to[0]] = left - 1
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"mailbox busy")})
        return super().send_messages(messages)
