"""What the caseload and the wizard both stand on: the dialogs they ask (the
interface, the Qt one with its follow-up and version dialogs, and the scripted
one for tests), the Danish date box, printing and the colours of messages.
Nothing here imports the caseload or the wizard, so the two never import
each other's parts."""
