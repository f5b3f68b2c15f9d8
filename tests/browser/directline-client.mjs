// DirectLineJS, the Direct Line client inside Web Chat, against the running service from Node: get a token from the
// widget's token endpoint, start a conversation, see the welcome, send a question, and receive the echo and the
// answer with the nudge. MODE=websocket streams; MODE=polling polls GET /activities.
import WebSocket from 'ws';
import XMLHttpRequest from 'xhr2';
import { deadline, fail, setting, succeed } from './support.mjs';

// DirectLineJS is written for browsers; its README asks Node users for these two globals.
globalThis.WebSocket = WebSocket;
globalThis.XMLHttpRequest = XMLHttpRequest;
const { DirectLine, ConnectionStatus } = await import('botframework-directlinejs');

deadline(60);
const botUrl = setting('BOT_URL');
const question = setting('QUESTION');
const nudge = setting('NUDGE');
const mode = setting('MODE');

const response = await fetch(new URL('api/webchat/token', botUrl), { method: 'POST' });
if (!response.ok) {
  fail(`POST /api/webchat/token answered ${response.status}`);
}

const { token, domain } = await response.json();
const directLine = new DirectLine({ token, domain, webSocket: mode === 'websocket', pollingInterval: 200 });
const statuses = [];
directLine.connectionStatus$.subscribe((status) => statuses.push(ConnectionStatus[status]));

const received = [];
const waiters = [];
directLine.activity$.subscribe(
  (activity) => {
    received.push(activity);
    for (const waiter of [...waiters]) {
      if (waiter.match(activity)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(activity);
      }
    }
  },
  (error) => fail(`activity$ failed: ${error}`),
);

function next(match) {
  const seen = received.find(match);
  return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
}

const welcome = await next((activity) => activity.from.role === 'bot' && activity.type === 'message');
const clientActivityID = `client-${Date.now()}`;
const sentAt = performance.now();
const id = await new Promise((resolve, reject) =>
  directLine
    .postActivity({ type: 'message', from: { id: 'ignored-by-the-service', name: 'Node' }, text: question, channelData: { clientActivityID } })
    .subscribe(resolve, reject),
);
const echo = await next((activity) => activity.id === id);
const answer = await next((activity) => activity.from.role === 'bot' && activity.replyToId === id);
const answerMs = performance.now() - sentAt;
directLine.end();

succeed({ mode, statuses, welcome, id, echo, answer, answerMs, count: received.length });
