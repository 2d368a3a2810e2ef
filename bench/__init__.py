"""`make bench`: the figures the issues ask for, measured on this machine."""
