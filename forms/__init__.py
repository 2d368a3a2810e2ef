"""What the desk fills in and what the service says about itself: pydantic models, no I/O."""
