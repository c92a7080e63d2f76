"""What a printed page or atlas holds (layout, selection of communes), independent of how it is drawn."""
