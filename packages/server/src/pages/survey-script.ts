// The page's only script (inline, ~1 KB): shows the follow-up for the chosen score's segment, and on
// the first real (isTrusted) pointer or key interaction confirms the score, since a mail scanner that
// runs JavaScript does not interact.
export const surveyScript = `(function(){
var f=document.getElementById('koe-form');if(!f)return;
var segs=JSON.parse(f.getAttribute('data-segs'));var sent=null;
function score(){var c=f.querySelector('input[name=score]:checked');return c?c.value:null}
function show(){var s=score();var seg=s===null?null:segs[s];
f.querySelectorAll('[data-seg]').forEach(function(el){el.hidden=el.getAttribute('data-seg').split(' ').indexOf(seg)<0});
var d=document.getElementById('koe-details');if(d)d.hidden=s===null;var n=document.getElementById('koe-next');if(n)n.hidden=true}
function confirm(){var u=f.getAttribute('data-confirm');var s=score();if(!u)return;if(s===null||s===sent)return;sent=s;
fetch(u,{method:'POST',headers:{'content-type':'application/x-www-form-urlencoded'},body:'score='+s+'&ft='+encodeURIComponent(f.elements.ft.value),credentials:'same-origin'})}
f.addEventListener('change',function(e){show();if(e.isTrusted)confirm()});
['pointerdown','keydown','touchstart'].forEach(function(t){document.addEventListener(t,function(e){if(e.isTrusted)setTimeout(confirm,300)},{passive:true})});
show()})();`;
