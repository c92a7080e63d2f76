"""Decision dialogs: goal seek, uncertainty, actuals and calibration."""
