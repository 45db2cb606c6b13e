"""Provides `cramplog serve`'s server: the same Textual app in a browser on your own network.

`keys` holds the secret and its checks (no web library), `addresses` the URLs a phone uses,
`pages` the two small pages the server writes itself (the sign-in form and the page that loads
Textual's terminal), and `server` the aiohttp application around textual-serve, which starts
one `cramplog` process per browser session. Imported only by `cramplog serve`.
"""
