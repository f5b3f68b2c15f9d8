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
 * data-text-color  text on the accent colour (default #ffffff); one that fails WCAG AA (4.5:1) on the accent is
 *                  replaced by black or white, with a console warning
 * data-position    "right" (default) or "left"
 * data-open        "true" opens the chat when the page loads, unless the visitor closed it on an earlier page
 * data-theme       "auto" (default: follows the visitor's prefers-color-scheme), "light" or "dark"
 * data-persist     where the conversation is kept for the visitor's next page: "tab" (default, sessionStorage),
 *                  "site" (localStorage, until its token expires) or "none"
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
    open: data.open === 'true',
    theme: data.theme === 'light' || data.theme === 'dark' ? data.theme : 'auto',
    persist: data.persist === 'site' || data.persist === 'none' ? data.persist : 'tab'
  };

  // WCAG 2.1 contrast, on colours as the browser paints them: a canvas reads any CSS colour back as sRGB, a
  // translucent one as laid over white.
  var canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  function rgb(colour) {
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = '#ffffff';
    canvas.fillRect(0, 0, 1, 1);
    canvas.fillStyle = colour;
    canvas.fillRect(0, 0, 1, 1);
    var pixel = canvas.getImageData(0, 0, 1, 1).data;
    return [pixel[0], pixel[1], pixel[2]];
  }

  function luminance(channels) {
    var linear = channels.map(function (value) {
      var c = value / 255;
      return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  }

  function contrast(first, second) {
    var a = luminance(rgb(first));
    var b = luminance(rgb(second));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  var readable = 4.5;

  // Text on the accent: the site's choice when it can be read; otherwise black or white, whichever reads better
  // (one of them always reaches 4.5:1 on any colour).
  function textOn(accent, preferred) {
    if (contrast(preferred, accent) >= readable) {
      return preferred;
    }

    var chosen = contrast('#000000', accent) > contrast('#ffffff', accent) ? '#000000' : '#ffffff';
    if (window.console) {
      console.warn('CleanseBot widget: data-text-color ' + preferred + ' on data-color ' + config.color + ' has a contrast of ' +
        contrast(preferred, accent).toFixed(2) + ':1, below the 4.5:1 WCAG AA asks for; using ' + chosen + ' instead.');
    }

    return chosen;
  }

  // The accent as text or an icon on the chat's background (suggested questions, the send button): darkened on a
  // light background, lightened on a dark one, in steps, until it can be read.
  function accentOn(background) {
    var accent = rgb(config.color);
    var towards = luminance(rgb(background)) > 0.5 ? 0 : 255;
    for (var step = 0; step <= 10; step++) {
      var mixed = 'rgb(' + accent.map(function (value) { return Math.round(value + (towards - value) * step / 10); }).join(',') + ')';
      if (contrast(mixed, background) >= readable) {
        return mixed;
      }
    }

    return towards ? '#ffffff' : '#000000';
  }

  var onAccent = textOn(config.color, config.textColor);
  var themes = {
    light: { background: '#ffffff', ink: '#1f2933', muted: '#52606d', bubble: '#f1f5f4' },
    dark: { background: '#15191d', ink: '#e8ecef', muted: '#aab4bd', bubble: '#262d33' }
  };
  var darkScheme = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function currentTheme() {
    var dark = config.theme === 'dark' || (config.theme === 'auto' && darkScheme !== null && darkScheme.matches);
    return dark ? themes.dark : themes.light;
  }

  var css =
    '.cbw{--cbw-accent:' + config.color + ';--cbw-on-accent:' + onAccent + ';position:fixed;bottom:20px;' +
    config.position + ':20px;z-index:2147483000;display:flex;flex-direction:column;align-items:' +
    (config.position === 'left' ? 'flex-start' : 'flex-end') + ';gap:12px;' +
    'font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--cbw-ink)}' +
    '.cbw *,.cbw *::before,.cbw *::after{box-sizing:border-box}' +
    '.cbw button{font:inherit;cursor:pointer}' +
    '.cbw :focus-visible{outline:3px solid var(--cbw-accent);outline-offset:2px}' +
    '.cbw-launcher{width:60px;height:60px;border-radius:50%;border:0;padding:0;display:grid;place-items:center;' +
    'background:var(--cbw-accent);color:var(--cbw-on-accent);box-shadow:0 6px 20px rgba(15,40,40,.28);transition:transform .15s}' +
    '.cbw-launcher:hover{transform:scale(1.06)}' +
    '.cbw-launcher svg{width:28px;height:28px}' +
    '.cbw-teaser{max-width:260px;margin:0;padding:10px 14px;border-radius:14px;background:var(--cbw-background);color:var(--cbw-ink);' +
    'box-shadow:0 4px 16px rgba(15,40,40,.18);cursor:pointer}' +
    '.cbw-panel{width:380px;height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;overflow:hidden;' +
    'border-radius:18px;background:var(--cbw-background);box-shadow:0 12px 40px rgba(15,40,40,.3)}' +
    '.cbw-panel[hidden]{display:none}' +
    '.cbw-header{display:flex;align-items:center;gap:12px;padding:14px 12px 14px 16px;background:var(--cbw-accent);color:var(--cbw-on-accent)}' +
    '.cbw-header svg{flex:none;width:32px;height:32px}' +
    '.cbw-heading{flex:1;min-width:0}' +
    '.cbw-title{margin:0;font-size:17px;font-weight:650;color:inherit}' +
    '.cbw-subtitle{margin:2px 0 0;font-size:13px;color:inherit}' +
    '.cbw-close{flex:none;width:36px;height:36px;border:0;border-radius:50%;background:transparent;color:inherit;font-size:22px;line-height:1}' +
    '.cbw-close:hover{background:rgba(255,255,255,.18)}' +
    '.cbw-chat{flex:1;min-height:0;position:relative;background:var(--cbw-background)}' +
    // A page's own rules for its paragraphs and sections (say `section p { color: grey }`) must not reach the chat's.
    '.cbw .cbw-chat p,.cbw .cbw-chat li{color:inherit}' +
    '.cbw-status{margin:0;padding:24px 20px;color:var(--cbw-muted);text-align:center}' +
    '.cbw-status button{margin-top:12px;padding:8px 16px;border:2px solid var(--cbw-accent-text);border-radius:18px;background:var(--cbw-background);color:var(--cbw-accent-text)}' +
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
  var directLine = null;
  var renderChat = null;

  // The conversation kept for the visitor's next page: its id, token and Direct Line domain, and whether the chat
  // was open. Storage a browser refuses (private modes, blocked cookies) just means each page starts afresh.
  var storage = null;
  try {
    storage = config.persist === 'site' ? window.localStorage : config.persist === 'tab' ? window.sessionStorage : null;
  } catch (error) {
    storage = null;
  }

  var storageKey = 'cleansebot-widget:' + base.href;

  function remembered() {
    try {
      var saved = storage && JSON.parse(storage.getItem(storageKey) || 'null');
      return saved && (!saved.expiresAt || saved.expiresAt > Date.now()) ? saved : null;
    } catch (error) {
      return null;
    }
  }

  function remember(changes) {
    if (!storage) {
      return;
    }

    var saved = remembered() || {};
    Object.keys(changes).forEach(function (key) { saved[key] = changes[key]; });
    try {
      storage.setItem(storageKey, JSON.stringify(saved));
    } catch (error) {
      // A full or refused storage only costs the next page its history.
    }
  }

  function rememberSession(session) {
    remember({
      conversationId: session.conversationId,
      token: session.token,
      domain: session.domain,
      expiresAt: Date.now() + session.expires_in * 1000
    });
  }

  function forgetSession() {
    remember({ conversationId: null, token: null, domain: null, expiresAt: null });
  }

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

  function call(method, url, token) {
    return fetch(url, { method: method, headers: token ? { Authorization: 'Bearer ' + token } : {} }).then(function (response) {
      if (!response.ok) {
        throw new Error(method + ' ' + url + ' answered ' + response.status);
      }

      return response.json();
    });
  }

  function fetchToken() {
    return call('POST', new URL('api/webchat/token', base)).then(function (session) {
      rememberSession(session);
      return session;
    });
  }

  // The remembered conversation, with a fresh token, if the service still knows it; null otherwise, and then a new
  // conversation starts with the welcome, without a word to the visitor. Reconnecting from watermark 0 replays it.
  function resume() {
    var saved = remembered();
    if (!saved || !saved.conversationId) {
      return Promise.resolve(null);
    }

    return call('POST', saved.domain + '/tokens/refresh', saved.token)
      .then(function (refreshed) {
        return call('GET', saved.domain + '/conversations/' + encodeURIComponent(saved.conversationId) + '?watermark=0', refreshed.token)
          .then(function () {
            var session = { conversationId: saved.conversationId, token: refreshed.token, expires_in: refreshed.expires_in, domain: saved.domain, watermark: '0' };
            rememberSession(session);
            return session;
          });
      })
      .catch(function () {
        forgetSession();
        return null;
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

  // The chat's colours for the theme in force: the widget's own parts through CSS variables, Web Chat's through
  // its style options, rendered again when the visitor's colour scheme changes.
  function applyTheme() {
    var theme = currentTheme();
    var accentText = accentOn(theme.background);
    root.style.setProperty('--cbw-background', theme.background);
    root.style.setProperty('--cbw-ink', theme.ink);
    root.style.setProperty('--cbw-muted', theme.muted);
    root.style.setProperty('--cbw-accent-text', accentText);
    root.style.colorScheme = theme === themes.dark ? 'dark' : 'light';
    if (renderChat) {
      renderChat({
        accent: accentText,
        backgroundColor: theme.background,
        subtle: theme.muted,
        timestampColor: theme.muted,
        notificationText: theme.ink,
        primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
        avatarSize: 32,
        botAvatarInitials: 'CB',
        // Web Chat draws avatar initials in white whatever the options say: the accent, darkened until white reads on it.
        botAvatarBackgroundColor: accentOn('#ffffff'),
        bubbleBackground: theme.bubble,
        bubbleTextColor: theme.ink,
        bubbleBorderWidth: 0,
        bubbleBorderRadius: 14,
        bubbleFromUserBackground: config.color,
        bubbleFromUserTextColor: onAccent,
        bubbleFromUserBorderWidth: 0,
        bubbleFromUserBorderRadius: 14,
        bubbleMinWidth: 120,
        hideUploadButton: true,
        sendBoxBackground: theme.background,
        sendBoxBorderTop: 'solid 1px ' + theme.bubble,
        sendBoxTextColor: theme.ink,
        sendBoxButtonColor: accentText,
        sendBoxPlaceholderColor: theme.muted,
        suggestedActionLayout: 'stacked',
        suggestedActionsStackedLayoutButtonTextWrap: true,
        suggestedActionBorderRadius: 16,
        suggestedActionBackgroundColor: theme.background,
        suggestedActionBorderColor: accentText,
        suggestedActionTextColor: accentText,
        transcriptOverlayButtonBackground: theme.bubble,
        transcriptOverlayButtonColor: theme.ink
      });
    }
  }

  function start() {
    if (loading) {
      return loading;
    }

    loading = Promise.all([loadScript(new URL('webchat/webchat.js', base).href), resume().then(function (session) { return session || fetchToken(); })])
      .then(function (results) {
        var session = results[1];
        var WebChat = window.WebChat;
        chat.innerHTML = '';
        directLine = WebChat.createDirectLine({
          token: session.token,
          domain: session.domain,
          conversationId: session.watermark ? session.conversationId : undefined,
          watermark: session.watermark
        });
        renderChat = function (styleOptions) {
          WebChat.renderWebChat({ directLine: directLine, locale: 'en-US', styleOptions: styleOptions }, chat);
        };
        applyTheme();
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

  // A visitor who opens the chat is taken to its input; a chat opened by data-open or by an earlier page leaves
  // the page's focus alone.
  function open(moveFocus) {
    panel.hidden = false;
    teaser.hidden = true;
    root.classList.add('cbw-open');
    launcher.setAttribute('aria-expanded', 'true');
    remember({ open: true });
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
    remember({ open: false });
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
  if (darkScheme && darkScheme.addEventListener) {
    darkScheme.addEventListener('change', applyTheme);
  }

  // Direct Line refreshes the token every 15 minutes, so the one it holds was issued at most 15 minutes ago and,
  // as tokens last 30, has at least 15 left: the expiry kept for the next page.
  window.addEventListener('pagehide', function () {
    var saved = remembered();
    if (directLine && saved && saved.conversationId && directLine.token && directLine.token !== saved.token) {
      remember({ token: directLine.token, expiresAt: Date.now() + 15 * 60 * 1000 });
    }
  });

  window.CleanseBotWidget = { open: function () { open(); }, close: close };

  function mount() {
    applyTheme();
    document.head.appendChild(style);
    document.body.appendChild(root);
    var saved = remembered();
    if (saved && typeof saved.open === 'boolean' ? saved.open : config.open) {
      open(false);
    }
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }
})();
