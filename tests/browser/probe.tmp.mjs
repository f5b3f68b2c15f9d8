import { chromium } from 'playwright-core';
const b = await chromium.launch({executablePath:'/usr/bin/chromium',headless:true,args:['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic']});
const p = await b.newPage();
await p.goto(process.argv[2]);
await p.waitForSelector('.webchat__bubble');
console.log(await p.evaluate(() => { const e = document.querySelector('.webchat__bubble .webchat__text-content'); const chain=[]; for (let x=e; x; x=x.parentElement) chain.push(x.tagName+'.'+[...x.classList].filter(c=>!c.includes('css')).slice(0,2).join('.')); return chain.join(' < ') + '\n' + e.outerHTML.slice(0,400); }));
console.log(await p.evaluate(() => [...document.querySelectorAll('[aria-live]')].map(e => e.tagName + ' ' + e.className + ' live=' + e.getAttribute('aria-live') + ' text=' + e.textContent.slice(0,80)).join('\n')));
await b.close();
