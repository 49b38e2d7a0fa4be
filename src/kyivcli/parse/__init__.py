"""Parse: body text → sections, blocks and sentences, each with its source line."""
