"""Map drawing with QtGui only: one painter for screen export, PDF and print."""
