"""Client handouts: data in, PDF bytes out (ReportLab), and the printer that sends them to CUPS."""
