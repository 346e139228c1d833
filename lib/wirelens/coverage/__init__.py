"""Coverage as the research object: outlets compared, and the news matched against a record of events."""
