"""Provides the two pages the server writes itself: the sign-in form and the app's page.

The app's page loads Textual's terminal (textual-serve's `textual.js`) and nothing else: no
command line, path or journal name (textual-serve's own page shows the command it runs), no
font from another site (its own page asks Google Fonts; here the font is served locally), and
the websocket address is built from the page's own address, so whatever name or address the
phone used stays the one it talks to. The sign-in page takes the key from the address's
fragment (`#key=...`), which browsers never send to a server, so the key reaches the server
only in a form's body: never in a request line, a log or a Referer.
"""

from __future__ import annotations

import html

STYLE = """
html,body{margin:0;padding:0;background:#101010;color:#d8d8d8;height:100%}
body{font:18px/1.4 system-ui,sans-serif}
main{max-width:26em;margin:0 auto;padding:2em 1em}
h1{font-size:1.4em;margin:0 0 .6em}
label{display:block;margin:1em 0 .4em}
input{box-sizing:border-box;width:100%;font-size:1.1em;padding:.6em;border-radius:.4em;
 border:1px solid #555;background:#1c1c1c;color:#eee}
button{margin-top:1em;width:100%;font-size:1.1em;padding:.8em;border:0;border-radius:.4em;
 background:#3a5f8a;color:#fff}
.error{color:#ff9b8a}
.note{color:#999;font-size:.85em}
"""

LOGIN = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>cramplog · sign in</title><style>{style}</style></head>
<body><main>
<h1>cramplog</h1>
<p>{message}</p>
<form method="post" action="/login" id="sign-in">
<label for="key">Key</label>
<input id="key" name="key" type="password" autocomplete="current-password" autocapitalize="off"
 spellcheck="false" required>
<button type="submit">Sign in</button>
</form>
<p class="note">Scan the QR code that <code>cramplog serve</code> printed, or type the key from
<code>cramplog serve link</code>. This browser then stays signed in for {days} days.</p>
</main>
<script nonce="{nonce}">
(function () {{
  var m = /(?:^#|&)key=([^&]*)/.exec(location.hash);
  history.replaceState(null, "", location.pathname);
  if (m && {auto}) {{
    document.getElementById("key").value = decodeURIComponent(m[1]);
    document.getElementById("sign-in").submit();
  }}
}})();
</script>
</body></html>
"""

APP = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
<meta name="referrer" content="no-referrer">
<meta name="theme-color" content="#000000">
<title>cramplog</title>
<link rel="preload" href="/static/fonts/RobotoMono-VariableFont_wght.ttf" as="font" type="font/ttf" crossorigin>
<link rel="stylesheet" href="/static/css/xterm.css">
<style>
@font-face{{font-family:"Roboto Mono";src:url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
 font-weight:100 700;font-display:block}}
html,body{{margin:0;padding:0;background:#000;height:100%;overflow:hidden}}
.textual-terminal{{width:100vw;height:100vh;height:100dvh;opacity:0}}
body.-first-byte .textual-terminal{{opacity:1}}
.notice{{position:fixed;inset:0;display:flex;align-items:center;justify-content:center;flex-direction:column;
 color:#bbb;font:18px system-ui,sans-serif;background:#000}}
body.-first-byte .starting,.ended{{display:none}}
body.-closed .ended{{display:flex}}
.ended button{{font-size:1.1em;padding:.8em 2em;margin-top:1em;border:0;border-radius:.4em;
 background:#3a5f8a;color:#fff}}
</style>
<script src="/static/js/textual.js"></script>
</head>
<body>
<div class="notice starting">cramplog is starting…</div>
<div class="notice ended"><div>This session ended.</div><button type="button" id="again">Start again</button></div>
<div id="terminal" class="textual-terminal" data-font-size="{font_size}"></div>
<script nonce="{nonce}">
(function () {{
  var t = document.getElementById("terminal");
  t.dataset.sessionWebsocketUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
  if (!/[?&]fontsize=/.test(location.search)) {{
    // About {columns} columns across the screen: a phone gets a smaller font than a desktop.
    var size = Math.floor(window.innerWidth / ({columns} * 0.6));
    t.dataset.fontSize = String(Math.max({smallest}, Math.min({font_size}, size)));
  }}
  document.getElementById("again").addEventListener("click", function () {{ location.reload(); }});
}})();
</script>
</body></html>
"""

COLUMNS = 48
"""Columns the page aims for on a narrow screen (a phone: 390 px at 13 px a character)."""
SMALLEST_FONT = 12
"""The smallest font the page picks by itself (CSS px); `?fontsize=` overrides it."""


def login_page(nonce: str, message: str, *, auto: bool = True, days: int = 90) -> str:
    """The sign-in form; `auto` lets a key in the address's fragment sign in at once."""
    return LOGIN.format(
        style=STYLE, message=html.escape(message), nonce=nonce, auto="true" if auto else "false", days=days
    )


def app_page(nonce: str, font_size: int) -> str:
    """The page that runs the app in Textual's terminal, at `font_size` CSS px at most."""
    return APP.format(
        nonce=nonce, font_size=max(SMALLEST_FONT, min(font_size, 40)), columns=COLUMNS, smallest=SMALLEST_FONT
    )
