// The page's only script (inline, ~1.3 KB). It shows the follow-up for the chosen score's segment. On the
// first trusted (isTrusted: a person's, never a script's) pointer, key, touch or click event it marks the
// form as a person's (the `h` field, from data-human) and confirms the chosen score; a submit before that —
// requestSubmit(), a dispatched click — is dropped, and the server refuses a form posted without the mark
// (form.submit() fires no submit event). Not input or change: Chromium fires them trusted when a script
// calls click() on a radio. A scanner that runs the page confirms nothing.
import { createHash } from "node:crypto";

export const surveyScript = `(function(){
var f=document.getElementById('koe-form');if(!f)return;
var segs=JSON.parse(f.getAttribute('data-segs'));var mark=f.getAttribute('data-human')||'';var human=false;var sent=null;
function score(){var c=f.querySelector('input[name=score]:checked');return c?c.value:null}
function show(){var s=score();var seg=s===null?null:segs[s];
f.querySelectorAll('[data-seg]').forEach(function(el){el.hidden=el.getAttribute('data-seg').split(' ').indexOf(seg)<0});
var d=document.getElementById('koe-details');if(d)d.hidden=s===null;var n=document.getElementById('koe-next');if(n)n.hidden=true}
function confirm(){var u=f.getAttribute('data-confirm');var s=score();if(!u||!human||s===null||s===sent)return;sent=s;
fetch(u,{method:'POST',headers:{'content-type':'application/x-www-form-urlencoded'},body:'score='+s+'&ft='+encodeURIComponent(f.elements.ft.value)+'&h='+encodeURIComponent(mark),credentials:'same-origin'})}
function touched(e){if(!e.isTrusted)return;if(!human){human=true;if(f.elements.h)f.elements.h.value=mark}setTimeout(confirm,300)}
f.addEventListener('change',function(e){show();if(e.isTrusted)confirm()});
f.addEventListener('submit',function(e){if(!human)e.preventDefault()});
['pointerdown','keydown','touchstart','click'].forEach(function(t){document.addEventListener(t,touched,{capture:true,passive:true})});
show()})();`;

/** The script's CSP source (`'sha256-…'`), computed from the very text the page carries. */
export const surveyScriptHash = `'sha256-${createHash("sha256").update(surveyScript, "utf8").digest("base64")}'`;
