"""recsim for a class in the browser: the web server behind ``recsim serve`` (textual-serve).

Each browser session runs the terminal app in a process of its own
(:mod:`recsim.tui.served`); this package admits sessions, keeps their limits and
says who is online. It never imports the UI: the app processes are started by command.
"""
