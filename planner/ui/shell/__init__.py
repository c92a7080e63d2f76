"""The application shell: QApplication set-up, the main window, settings, language, help and preferences."""
