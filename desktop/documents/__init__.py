"""Plan documents: one document model rendered to .docx and PDF; no Qt."""
