from .institutions import Institution, Service

__all__ = ["Institution", "Service"]
