/*
 * CleanseBot chat widget. One tag on any page:
 *
 *   <script src="https://BOT/widget.js" async data-title="CleanseBot"
 *           data-greeting="Questions about deep pore cleansing? Ask me." data-color="#0f766e"></script>
 *
 * It adds a chat bubble in a corner. Web Chat (4 MB, about 640 kB compressed) and a conversation token are fetched
 * from the bot only when a visitor first opens the chat, so pages that embed the widget stay light.
 *
 * data-title       the chat's name in its header and on the bubble's label (default "CleanseBot")
 * data-greeting    the line beside the closed bubble and under the title (default below); "" hides the teaser
 * data-color       accent: bubble, header, the visitor's messages, buttons (any CSS colour; default #0f766e)
 * data-text-color  text on the accent colour (default #ffffff)
 * data-position    "right" (default) or "left"
 * data-open        "true" opens the chat when the page loads
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.CleanseBotWidget) {
    return;
  }

  var data = script.dataset;
  var base = new URL('.', script.src);
  var isColour = function (value) {
    return typeof value === 'string' && window.CSS && CSS.supports('color', value);
  };
  var config = {
    title: data.title || 'CleanseBot',
    greeting: data.greeting !== undefined ? data.greeting : 'Questions about deep pore cleansing? Ask me.',
    color: isColour(data.color) ? data.color : '#0f766e',
    textColor: isColour(data.textColor) ? data.textColor : '#ffffff',
    position: data.position === 'left' ? 'left' : 'right',
    open: data.open === 'true'
  };

  var css =
    '.cbw{--cbw-accent:' + config.color + ';--cbw-on-accent:' + config.textColor + ';position:fixed;bottom:20px;' +
    config.position + ':20px;z-index:2147483000;display:flex;flex-direction:column;align-items:' +
    (config.position === 'left' ? 'flex-start' : 'flex-end') + ';gap:12px;' +
    'font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2933}' +
    '.cbw *,.cbw *::before,.cbw *::after{box-sizing:border-box}' +
    '.cbw button{font:inherit;cursor:pointer}' +
    '.cbw :focus-visible{outline:3px solid var(--cbw-accent);outline-offset:2px}' +
    '.cbw-launcher{width:60px;height:60px;border-radius:50%;border:0;padding:0;display:grid;place-items:center;' +
    'background:var(--cbw-accent);color:var(--cbw-on-accent);box-shadow:0 6px 20px rgba(15,40,40,.28);transition:transform .15s}' +
    '.cbw-launcher:hover{transform:scale(1.06)}' +
    '.cbw-launcher svg{width:28px;height:28px}' +
    '.cbw-teaser{max-width:260px;margin:0;padding:10px 14px;border-radius:14px;background:#fff;color:#1f2933;' +
    'box-shadow:0 4px 16px rgba(15,40,40,.18);cursor:pointer}' +
    '.cbw-panel{width:380px;height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;overflow:hidden;' +
    'border-radius:18px;background:#fff;box-shadow:0 12px 40px rgba(15,40,40,.3)}' +
    '.cbw-panel[hidden]{display:none}' +
    '.cbw-header{display:flex;align-items:center;gap:12px;padding:14px 12px 14px 16px;background:var(--cbw-accent);color:var(--cbw-on-accent)}' +
    '.cbw-header svg{flex:none;width:32px;height:32px}' +
    '.cbw-heading{flex:1;min-width:0}' +
    '.cbw-title{margin:0;font-size:17px;font-weight:650;color:inherit}' +
    '.cbw-subtitle{margin:2px 0 0;font-size:13px;opacity:.9;color:inherit}' +
    '.cbw-close{flex:none;width:36px;height:36px;border:0;border-radius:50%;background:transparent;color:inherit;font-size:22px;line-height:1}' +
    '.cbw-close:hover{background:rgba(255,255,255,.18)}' +
    '.cbw-chat{flex:1;min-height:0;position:relative;background:#fff}' +
    '.cbw-status{margin:0;padding:24px 20px;color:#52606d;text-align:center}' +
    '.cbw-status button{margin-top:12px;padding:8px 16px;border:2px solid var(--cbw-accent);border-radius:18px;background:#fff;color:var(--cbw-accent)}' +
    '@media (max-width:480px){.cbw{bottom:12px;' + config.position + ':12px}' +
    '.cbw.cbw-open{inset:0;gap:0}' +
    '.cbw-open .cbw-panel{width:100vw;height:100vh;height:100dvh;border-radius:0}' +
    '.cbw-open .cbw-launcher{display:none}}';

  var icon = function (path) {
    return '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor">' + path + '</svg>';
  };
  var chatIcon = icon('<path d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-2c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"/>');
  var dropIcon = icon('<path d="M12 2.5S5.5 9.6 5.5 14.2a6.5 6.5 0 0 0 13 0C18.5 9.6 12 2.5 12 2.5zm-2.6 12.9a.9.9 0 0 1 1.3-1.1 2.8 2.8 0 0 0 3.8-1.2.9.9 0 1 1 1.6.8 4.6 4.6 0 0 1-6.7 1.5z"/>');

  var style = document.createElement('style');
  style.textContent = css;

  var root = document.createElement('div');
  root.className = 'cbw';
  root.innerHTML =
    '<div class="cbw-panel" id="cbw-panel" role="dialog" aria-labelledby="cbw-title" hidden>' +
    '<div class="cbw-header">' + dropIcon +
    '<div class="cbw-heading"><h2 class="cbw-title" id="cbw-title"></h2><p class="cbw-subtitle"></p></div>' +
    '<button type="button" class="cbw-close" aria-label="Close the chat">&#x2715;</button></div>' +
    '<div class="cbw-chat"><p class="cbw-status" role="status">Connecting&hellip;</p></div></div>' +
    '<p class="cbw-teaser" hidden></p>' +
    '<button type="button" class="cbw-launcher" aria-expanded="false" aria-controls="cbw-panel">' + chatIcon + '</button>';

  var panel = root.querySelector('.cbw-panel');
  var chat = root.querySelector('.cbw-chat');
  var launcher = root.querySelector('.cbw-launcher');
  var teaser = root.querySelector('.cbw-teaser');
  root.querySelector('.cbw-title').textContent = config.title;
  root.querySelector('.cbw-subtitle').textContent = config.greeting;
  launcher.setAttribute('aria-label', 'Chat with ' + config.title);
  teaser.textContent = config.greeting;
  teaser.hidden = !config.greeting;

  var loading = null;
  var focusWhenReady = false;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.WebChat) {
        resolve();
        return;
      }

      var tag = document.createElement('script');
      tag.src = src;
      tag.async = true;
      tag.onload = function () { resolve(); };
      tag.onerror = function () { reject(new Error('Web Chat did not load from ' + src)); };
      document.head.appendChild(tag);
    });
  }

  function fetchToken() {
    return fetch(new URL('api/webchat/token', base), { method: 'POST' }).then(function (response) {
      if (!response.ok) {
        throw new Error('The token endpoint answered ' + response.status);
      }

      return response.json();
    });
  }

  function showFailure() {
    chat.innerHTML = '<p class="cbw-status" role="alert">Sorry, the chat could not connect. Please try again in a moment.<br><button type="button">Try again</button></p>';
    chat.querySelector('button').addEventListener('click', function () {
      chat.innerHTML = '<p class="cbw-status" role="status">Connecting&hellip;</p>';
      loading = null;
      start();
    });
  }

  function focusSendBox(attempts) {
    var input = chat.querySelector('.webchat__send-box-text-box__input');
    if (input) {
      input.focus();
    } else if (attempts > 0) {
      setTimeout(function () { focusSendBox(attempts - 1); }, 100);
    }
  }

  function start() {
    if (loading) {
      return loading;
    }

    loading = Promise.all([loadScript(new URL('webchat/webchat.js', base).href), fetchToken()])
      .then(function (results) {
        var session = results[1];
        var WebChat = window.WebChat;
        chat.innerHTML = '';
        WebChat.renderWebChat(
          {
            directLine: WebChat.createDirectLine({ token: session.token, domain: session.domain }),
            locale: 'en-US',
            styleOptions: {
              accent: config.color,
              primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
              avatarSize: 32,
              botAvatarInitials: 'CB',
              botAvatarBackgroundColor: config.color,
              bubbleBackground: '#f1f5f4',
              bubbleBorderWidth: 0,
              bubbleBorderRadius: 14,
              bubbleFromUserBackground: config.color,
              bubbleFromUserTextColor: config.textColor,
              bubbleFromUserBorderWidth: 0,
              bubbleFromUserBorderRadius: 14,
              bubbleMinWidth: 120,
              hideUploadButton: true,
              sendBoxButtonColor: config.color,
              sendBoxPlaceholderColor: '#6b7780',
              suggestedActionLayout: 'stacked',
              suggestedActionsStackedLayoutButtonTextWrap: true,
              suggestedActionBorderRadius: 16,
              suggestedActionBorderColor: config.color,
              suggestedActionTextColor: config.color
            }
          },
          chat
        );
        if (focusWhenReady) {
          focusSendBox(30);
        }
      })
      .catch(function (error) {
        if (window.console) {
          console.error('CleanseBot widget:', error);
        }

        showFailure();
      });
    return loading;
  }

  // A visitor who opens the chat is taken to its input; a chat opened by data-open leaves the page's focus alone.
  function open(moveFocus) {
    panel.hidden = false;
    teaser.hidden = true;
    root.classList.add('cbw-open');
    launcher.setAttribute('aria-expanded', 'true');
    focusWhenReady = moveFocus !== false;
    if (focusWhenReady) {
      if (loading) {
        focusSendBox(0);
      } else {
        root.querySelector('.cbw-close').focus();
      }
    }

    start();
  }

  function close() {
    panel.hidden = true;
    root.classList.remove('cbw-open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', function () {
    if (panel.hidden) {
      open();
    } else {
      close();
    }
  });
  teaser.addEventListener('click', function () { open(); });
  root.querySelector('.cbw-close').addEventListener('click', close);
  panel.addEventListener('keydown', function (event) {
    // Web Chat uses Escape itself inside its transcript; elsewhere in the panel it closes the chat.
    if (event.key === 'Escape' && !event.defaultPrevented && !event.target.closest('.webchat__basic-transcript')) {
      close();
    }
  });

  window.CleanseBotWidget = { open: function () { open(); }, close: close };

  function mount() {
    document.head.appendChild(style);
    document.body.appendChild(root);
    if (config.open) {
      open(false);
    }
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }
})();
