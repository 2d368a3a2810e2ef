"""The desk's use cases: the steps a worker takes that combine storage and printouts, without Textual."""
