"""Render jobs and the PDF / .docx files they produce from an approved revision."""
