"""Reading the regulator's and operators' files of what is really built (actual figures per commune and quarter)."""
