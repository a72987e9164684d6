/** The card's styles, inside its shadow root: the page's CSS cannot reach them. */
export const CARD_CSS = `
:host { all: initial; }
.card {
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --border: #d0d7de; --link: #0550ae;
  --red: #b42318; --orange: #b54708; --amber: #8a6100; --teal: #0e7490; --green: #1a7f37; --grey: #4b5563; --blue: #1d4ed8;
  position: fixed; box-sizing: border-box; width: min(380px, calc(100vw - 16px)); max-height: min(70vh, 560px); overflow: auto;
  background: var(--bg); color: var(--fg); border: 1px solid var(--border); border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0,0,0,.18); padding: 12px 14px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; text-align: left; direction: ltr;
}
/* Dark: when the page is dark (data-theme, set from the page's background or the user's
   setting), or when the page says nothing and the system prefers dark. */
.card[data-theme="dark"] { --bg: #161b22; --fg: #e6edf3; --muted: #9da7b3; --border: #30363d; --link: #79c0ff;
  --red: #ff7b72; --orange: #ffa657; --amber: #e3b341; --teal: #56d4dd; --green: #56d364; --grey: #b1bac4; --blue: #79c0ff;
  box-shadow: 0 8px 28px rgba(0,0,0,.6); }
@media (prefers-color-scheme: dark) {
  .card:not([data-theme="light"]):not([data-theme="dark"]) { --bg: #161b22; --fg: #e6edf3; --muted: #9da7b3; --border: #30363d; --link: #79c0ff;
    --red: #ff7b72; --orange: #ffa657; --amber: #e3b341; --teal: #56d4dd; --green: #56d364; --grey: #b1bac4; --blue: #79c0ff; }
}
.card:focus { outline: none; }
.card:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.head { display: flex; align-items: center; gap: 8px; margin-bottom: 6px; }
.verdict { display: inline-flex; align-items: center; gap: 5px; font-weight: 700; border: 2px solid currentColor; border-radius: 999px; padding: 1px 9px 1px 6px; }
.icon { font-size: 13px; line-height: 1; }
.tone-red { color: var(--red); } .tone-orange { color: var(--orange); } .tone-amber { color: var(--amber); }
.tone-teal { color: var(--teal); } .tone-green { color: var(--green); } .tone-grey { color: var(--grey); } .tone-blue { color: var(--blue); }
.brand { color: var(--muted); font-size: 12px; flex: 1; }
.close { all: unset; cursor: pointer; font-size: 20px; line-height: 1; padding: 0 4px; color: var(--muted); border-radius: 4px; }
.close:focus-visible, a:focus-visible, summary:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.claim { font-size: 15px; font-weight: 600; margin: 4px 0 6px; }
.kicker { color: var(--muted); font-weight: 500; }
.summary { margin: 0 0 6px; font-weight: 500; }
.explanation, .note { margin: 0 0 8px; color: var(--fg); }
.note { color: var(--muted); font-style: italic; }
.sources-title { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 8px 0 4px; }
.sources { list-style: none; margin: 0; padding: 0; }
.source { margin: 0 0 6px; }
.source a { color: var(--link); text-decoration: underline; }
.meta { display: block; color: var(--muted); font-size: 12px; }
.more { margin: 0 0 6px; font-size: 13px; }
.more summary { cursor: pointer; color: var(--link); }
.more .explanation { margin: 4px 0 0; }
.why { margin-top: 8px; border-top: 1px solid var(--border); padding-top: 6px; font-size: 13px; }
.why summary { cursor: pointer; color: var(--link); }
.why ul { margin: 4px 0; padding-left: 18px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; position: sticky; bottom: -12px; margin: 8px -14px -12px; padding: 8px 14px 10px; background: var(--bg); border-top: 1px solid var(--border); border-radius: 0 0 10px 10px; }
.action { all: unset; box-sizing: border-box; cursor: pointer; font-size: 12px; line-height: 1.3; padding: 4px 10px; border: 1px solid var(--border); border-radius: 999px; color: var(--fg); background: transparent; }
.action:hover { border-color: var(--muted); }
.action:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.foot { margin-top: 8px; color: var(--muted); font-size: 11px; }
@media (prefers-reduced-motion: no-preference) { .card { animation: claimlens-in .12s ease-out; } }
@keyframes claimlens-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
`;
