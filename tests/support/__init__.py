"""Test and bench support: code the tests and bench scripts share, never shipped."""
