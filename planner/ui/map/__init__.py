"""The map canvas and what is drawn on it: commune and premise items, phase overlay, tool adapters, identify, layers panel, status."""
