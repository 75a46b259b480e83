"""Several officers on one visit: their edits merge through a Yjs document.

Each replica of a visit keeps, beside its file's rows, a Yjs document of the same
entities (`document`); a local operation of the one write path also becomes an update
of that document, and an update received from another officer comes back in as an
operation. The updates travel through a sync server (`server`) that speaks the
standard y-websocket protocol and lets in only the officers it knows (`officers`).
"""
