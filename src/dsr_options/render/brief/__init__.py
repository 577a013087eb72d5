"""The brief: its document model (``content``) and a writer per format."""
