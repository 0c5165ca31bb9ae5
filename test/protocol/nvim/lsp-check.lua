-- Drives the Kafka Idempotence language server through Neovim's built-in LSP client
-- (Debian's nvim 0.7: vim.lsp.start_client; vim.lsp.start only exists from 0.8).
-- Generic over the file format: it is given a file and the rule id to expect. Steps: the diagnostic, the
-- code lenses (vim.lsp.codelens.refresh: resolved and drawn), the first lens run (vim.lsp.codelens.run:
-- workspace/executeCommand answers the effective configuration), hover, code actions, the preferred fix
-- applied and the diagnostic cleared, the lenses of the fixed text.
--
-- env:
--   KIL_SERVER    path of dist/server.js (started as `node <server> --stdio`)
--   KIL_NODE      node executable (default: node)
--   KIL_FILE      the file to open
--   KIL_RULE      the rule id of the diagnostic to expect, fix and see cleared
--   KIL_HOVER     optional text to hover on (its first occurrence); default: the diagnostic's start
--   KIL_SETTINGS  optional JSON: the `kafkaIdempotence` settings section the client answers
--   KIL_OUT       where to write the JSON result (always written, also on failure)
--   KIL_TIMEOUT   optional wait limit per step in ms (default 15000)
--
-- run: nvim --headless -u NONE -i NONE -n -c "luafile lsp-check.lua"
-- The checks are made by the caller on the JSON; this script only observes and records.

local server = assert(os.getenv('KIL_SERVER'), 'KIL_SERVER not set')
local node = os.getenv('KIL_NODE') or 'node'
local file = assert(os.getenv('KIL_FILE'), 'KIL_FILE not set')
local rule = assert(os.getenv('KIL_RULE'), 'KIL_RULE not set')
local out = assert(os.getenv('KIL_OUT'), 'KIL_OUT not set')
local timeout = tonumber(os.getenv('KIL_TIMEOUT') or '') or 15000
local settings_json = os.getenv('KIL_SETTINGS')
local hover_text = os.getenv('KIL_HOVER')

local result = { steps = {}, nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }
local function step(name) table.insert(result.steps, name) end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
end

-- vim.diagnostic entries for our rule, in a JSON-friendly shape
local function rule_diagnostics(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == rule then table.insert(found, d) end
  end
  return found
end

local function describe(d)
  local lsp = (d.user_data or {}).lsp or {}
  return {
    code = d.code, source = d.source, message = d.message, severity = d.severity,
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    data = lsp.data or vim.NIL,
  }
end

-- Refreshes the code lenses and waits until every lens is resolved and drawn; returns them and what is drawn.
local function lens_check(bufnr, client_id)
  vim.lsp.codelens.refresh()
  local ns = vim.lsp.codelens.__namespaces[client_id]
  local function drawn()
    local shown = {}
    for _, m in ipairs(vim.api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, { details = true })) do
      local text = ''
      for _, chunk in ipairs(m[4].virt_text or {}) do text = text .. chunk[1] end
      table.insert(shown, { line = m[2], text = text })
    end
    return shown
  end
  local function done()
    local lenses = vim.lsp.codelens.get(bufnr)
    if #lenses == 0 then return false end
    for _, l in ipairs(lenses) do
      if not l.command then return false end
    end
    local shown = drawn()
    if #shown ~= #lenses then return false end
    for _, s in ipairs(shown) do
      if s.text == 'Unresolved lens ...' then return false end
    end
    return true
  end
  vim.wait(timeout, done, 20)
  assert(done(), 'the code lenses were not resolved and drawn within ' .. timeout .. ' ms')
  local lenses = vim.tbl_map(function(l)
    return {
      line = l.range.start.line, character = l.range.start.character, end_line = l.range['end'].line,
      title = l.command.title, command = l.command.command, arguments = l.command.arguments or vim.NIL,
    }
  end, vim.lsp.codelens.get(bufnr))
  return { lenses = lenses, shown = drawn() }
end

local function finish()
  local ok, encoded = pcall(vim.fn.json_encode, result)
  if not ok then encoded = vim.fn.json_encode({ error = 'could not encode the result: ' .. tostring(encoded) }) end
  vim.fn.writefile({ encoded }, out)
  local clients = vim.lsp.get_active_clients()
  if #clients > 0 then
    vim.lsp.stop_client(clients)
    vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  end
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  local settings = {}
  if settings_json and settings_json ~= '' then settings = { kafkaIdempotence = vim.fn.json_decode(settings_json) } end
  local client_id = vim.lsp.start_client({
    name = 'kafka-idempotence',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    settings = settings,
    -- nvim 0.7 answers workspace/configuration but does not declare it, so the server takes its
    -- settings from didChangeConfiguration; send them once initialized, as nvim-lspconfig does
    on_init = function(c)
      c.notify('workspace/didChangeConfiguration', { settings = c.config.settings })
    end,
  })
  assert(client_id, 'the server did not start')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the buffer')
  local client = vim.lsp.get_client_by_id(client_id)
  step('started')

  -- 1. the diagnostic (pushed: nvim 0.7 cannot pull)
  vim.wait(timeout, function() return #rule_diagnostics(bufnr) > 0 end, 20)
  result.diagnostics = vim.tbl_map(describe, vim.diagnostic.get(bufnr))
  local diag = rule_diagnostics(bufnr)[1]
  assert(diag, 'no ' .. rule .. ' diagnostic within ' .. timeout .. ' ms')
  result.server_capabilities = {
    hover = client.server_capabilities.hoverProvider or vim.NIL,
    code_action = client.server_capabilities.codeActionProvider or vim.NIL,
  }
  step('diagnostic')

  -- 2. code lenses, as nvim shows them: vim.lsp.codelens.refresh() asks textDocument/codeLens, resolves each
  -- lens (codeLens/resolve) and draws its title as virtual text on the lens's line
  result.lenses = lens_check(bufnr, client_id)
  step('code lenses')

  -- 3. the first lens's command, run as a user runs it (cursor on the lens's line, vim.lsp.codelens.run()):
  -- nvim sends workspace/executeCommand to the server, which answers the block's effective configuration
  local first = vim.lsp.codelens.get(bufnr)[1]
  vim.api.nvim_win_set_cursor(0, { first.range.start.line + 1, 0 })
  local answered, answer = false, nil
  local default_handler = vim.lsp.handlers['workspace/executeCommand']
  vim.lsp.handlers['workspace/executeCommand'] = function(e, r, ctx, config)
    answered = true
    answer = { error = e and (e.message or tostring(e)) or vim.NIL, result = r == nil and vim.NIL or r, method = ctx.method }
    return default_handler(e, r, ctx, config)
  end
  vim.lsp.codelens.run()
  vim.wait(timeout, function() return answered end, 20)
  vim.lsp.handlers['workspace/executeCommand'] = default_handler
  assert(answered, 'no answer to the lens command within ' .. timeout .. ' ms')
  result.lens_command = answer
  step('lens command')

  -- 4. hover where the diagnostic is, or on KIL_HOVER (the cursor position turned into LSP by nvim itself)
  local hover_at = { diag.lnum + 1, diag.col }
  if hover_text and hover_text ~= '' then
    for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local col = line:find(hover_text, 1, true)
      if col then hover_at = { i, col - 1 }; break end
    end
  end
  result.hover_at = hover_at
  vim.api.nvim_win_set_cursor(0, hover_at)
  local hover_resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), timeout)
  for _, r in pairs(hover_resp or {}) do
    if r.error then result.hover_error = r.error end
    if r.result and r.result.contents then result.hover = r.result.contents.value or r.result.contents end
  end
  step('hover')

  -- 5. code actions for that diagnostic, in LSP form with its data (as nvim sends them)
  local lsp_diag
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, diag.lnum, {}, client_id)) do
    if d.code == rule then lsp_diag = d end
  end
  assert(lsp_diag, 'no LSP form of the diagnostic on line ' .. diag.lnum)
  local uri = vim.uri_from_bufnr(bufnr)
  local actions_resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }, timeout)
  local actions = {}
  for _, r in pairs(actions_resp or {}) do
    if r.error then result.code_action_error = r.error end
    for _, a in ipairs(r.result or {}) do table.insert(actions, a) end
  end
  result.actions = vim.tbl_map(function(a)
    return {
      title = a.title, kind = a.kind or vim.NIL, isPreferred = a.isPreferred or false,
      command = a.command and a.command.command or vim.NIL, has_edit = a.edit ~= nil,
    }
  end, actions)
  step('code actions')

  -- 6. apply the preferred quick fix; nvim sends the didChange; the diagnostic must clear
  local preferred
  for _, a in ipairs(actions) do
    if a.isPreferred and a.edit and not preferred then preferred = a end
  end
  assert(preferred, 'no preferred quick fix among ' .. #actions .. ' actions')
  result.applied = preferred.title
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  result.text_after = buffer_text(bufnr)
  step('applied')
  vim.wait(timeout, function() return #rule_diagnostics(bufnr) == 0 end, 20)
  result.diagnostics_after = vim.tbl_map(describe, vim.diagnostic.get(bufnr))
  result.cleared = #rule_diagnostics(bufnr) == 0
  step('re-linted')

  -- 7. the lenses of the fixed text (nvim's cache emptied first, so only the new answer counts)
  vim.lsp.codelens.save({}, bufnr, client_id)
  result.lenses_after = lens_check(bufnr, client_id)
  step('lenses after the fix')
end)
if not ok then result.error = tostring(err) end
finish()
