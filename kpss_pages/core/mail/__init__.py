"""One way to send e-mail: queue it in the outbox, the background worker delivers it.

Apps call :func:`queue_email` (or :func:`queue_emails` for many at once) inside the
transaction that causes the e-mail; the row commits with their data and the worker is woken
after the commit. The request never talks to the mail server. See the README, "E-mail".
"""

from .queue import forget, queue_email, queue_emails, resume, wake_worker

__all__ = ["forget", "queue_email", "queue_emails", "resume", "wake_worker"]
