"""The commands of the command line, one module per group of jobs.

Each module has `register(commands)`, adding its subcommands to the parser with a
`handler` default; `visitplanner.cli` lists the modules. Handlers return the exit
status and raise `VisitPlannerError` for bad input.
"""
