"""Client handouts as PDF and the printer (issue 3): data in, PDF bytes out."""
