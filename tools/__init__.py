"""Repository tooling (formatting, student versions, course links); not part of the student package."""
