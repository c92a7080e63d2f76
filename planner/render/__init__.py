"""Map drawing with QtGui only: one painter for screen export, PDF and print."""
from .none_refcount_guard import protect_none

protect_none()
