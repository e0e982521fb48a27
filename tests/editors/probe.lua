-- Drives a headless Neovim through the open plan as a person would (the cursor on a word,
-- K, gd, the code action menu, completion, rename, formatting, typing a line), for
-- tests/editors/test_neovim.py.
--
-- Loaded with --cmd, before init.lua, so that no diagnostics arrive unseen. Then
-- cplint_probe.run(steps_file, out_file) reads a JSON list of steps, does each in order
-- and writes what Neovim holds after each as JSON. Any failure ends Neovim with exit code 1:
-- a Lua error in -c alone would still exit 0.
--
-- Works on Neovim 0.7 to 0.11: where an API changed, the newer one is used when present.

local M = {}
local TIMEOUT = 10000 -- milliseconds; every wait ends as soon as what it waits for is there
local SERVER = "cplint"

-- The version of the last diagnostics pushed for each document (false for a push without
-- one: a plan's as saved, checked before it was opened), and how often each buffer's
-- diagnostics changed (clients that pull them see no push).
local pushed = {}
local changes = {}
local edited_at = {} -- buffer -> its count of changes when the probe last edited it

local publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  publish(err, result, ctx, config)
  if result then
    pushed[result.uri] = result.version or false
  end
end
vim.api.nvim_create_autocmd("DiagnosticChanged", {
  callback = function(args)
    changes[args.buf] = (changes[args.buf] or 0) + 1
  end,
})

-- Neovim 0.11 wants client methods called with `:`, earlier versions with `.`.
local colon_calls = vim.fn.has("nvim-0.11") == 1

local function call(client, name, ...)
  if colon_calls then
    return client[name](client, ...)
  end
  return client[name](...)
end

local function client_of(buf)
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf })
    or vim.tbl_values(vim.lsp.buf_get_clients(buf))
  for _, client in ipairs(clients) do
    if client.name == SERVER then
      return client
    end
  end
  return nil
end

local function pulls()
  return vim.lsp.protocol.make_client_capabilities().textDocument.diagnostic ~= nil
end

local function buffer_lines(buf)
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

local function wait_for(what, condition)
  if not vim.wait(TIMEOUT, condition, 20) then
    error(what .. " did not come within " .. TIMEOUT .. " ms", 0)
  end
end

-- Diagnostics of the buffer's current text: pushed with its version, or pulled after the
-- last edit.
local function wait_for_diagnostics(buf)
  local uri = vim.uri_from_bufnr(buf)
  wait_for("the diagnostics of " .. uri, function()
    if pulls() then
      return (changes[buf] or 0) > (edited_at[buf] or 0)
    end
    local version = vim.lsp.util.buf_versions[buf] -- nil until the server is attached
    return version ~= nil and pushed[uri] == version
  end)
end

local function place_cursor(step)
  vim.api.nvim_win_set_cursor(0, { step.line, step.col }) -- line from 1, byte column from 0
end

local function answer_of(answers, client)
  local answer = answers and answers[client.id] or {}
  return { result = answer.result, error = answer.error or answer.err }
end

local function ask(buf, method)
  local client = client_of(buf)
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  if not call(client, "supports_method", method) then
    -- Neovim would not ask (K says the method is not supported): ask anyway, to report
    -- what the server answers.
    local answer = call(client, "request_sync", method, params, TIMEOUT, buf) or {}
    return { supported = false, result = answer.result, error = answer.err }
  end
  local found = answer_of(vim.lsp.buf_request_sync(buf, method, params, TIMEOUT), client)
  found.supported = true
  return found
end

local function mark_edit(buf)
  edited_at[buf] = changes[buf] or 0
end

local STEPS = {}

function STEPS.diagnostics(buf)
  wait_for_diagnostics(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    local related = {}
    for _, info in ipairs(lsp.relatedInformation or {}) do
      local start = info.location.range.start
      table.insert(related,
        { line = start.line, character = start.character, message = info.message })
    end
    table.insert(found, {
      line = d.lnum,
      col = d.col,
      end_line = d.end_lnum,
      end_col = d.end_col,
      severity = vim.diagnostic.severity[d.severity],
      code = d.code,
      source = d.source,
      message = d.message,
      related = related,
      link = lsp.codeDescription and lsp.codeDescription.href,
    })
  end
  return found
end

function STEPS.hover(buf, step)
  place_cursor(step)
  return ask(buf, "textDocument/hover")
end

-- What the server answers, then where `gd` (vim.lsp.buf.definition) puts the cursor.
function STEPS.definition(buf, step)
  place_cursor(step)
  local found = ask(buf, "textDocument/definition")
  local before = vim.api.nvim_win_get_cursor(0)
  vim.lsp.buf.definition()
  wait_for("the jump to the definition", function()
    local now = vim.api.nvim_win_get_cursor(0)
    return now[1] ~= before[1] or now[2] ~= before[2]
  end)
  found.cursor = vim.api.nvim_win_get_cursor(0)
  return found
end

-- The code action menu at the cursor: the titles it offers, and the text once the one
-- titled `step.title` is chosen.
function STEPS.code_action(buf, step)
  place_cursor(step)
  local offered, chosen
  local select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    for index, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(offered, title)
      if title == step.title then
        chosen = index
      end
    end
    on_choice(chosen and items[chosen] or nil, chosen)
  end
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  mark_edit(buf)
  vim.lsp.buf.code_action()
  wait_for("the code action menu", function()
    return offered ~= nil
  end)
  vim.ui.select = select
  if chosen then
    wait_for("the code action's edit", function()
      return vim.api.nvim_buf_get_changedtick(buf) > tick
    end)
  end
  return { offered = offered, lines = buffer_lines(buf) }
end

-- Formatting as `:lua vim.lsp.buf.format()` (0.8 and later) or formatting_sync (0.7).
function STEPS.format(buf)
  mark_edit(buf)
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ timeout_ms = TIMEOUT })
  else
    vim.lsp.buf.formatting_sync(nil, TIMEOUT)
  end
  return { lines = buffer_lines(buf) }
end

-- The completion menu at the cursor: each item the server offers, in its order (the
-- menu's, as the server ranks them by sortText). `col` may be one past the line's end, where
-- the cursor of someone typing stands.
function STEPS.completion(buf, step)
  local virtualedit = vim.o.virtualedit
  vim.o.virtualedit = "onemore" -- else Neovim's normal mode pulls the cursor back a byte
  local ok, found = pcall(function()
    place_cursor(step)
    return ask(buf, "textDocument/completion")
  end)
  vim.o.virtualedit = virtualedit
  if not ok then
    error(found, 0)
  end
  local result = found.result or {}
  local items = {}
  for _, item in ipairs(result.items or result) do -- a CompletionList or a bare list
    table.insert(items, {
      label = item.label,
      kind = vim.lsp.protocol.CompletionItemKind[item.kind],
      detail = item.detail,
    })
  end
  return { supported = found.supported, error = found.error, items = items }
end

-- Renaming the id under the cursor as `:lua vim.lsp.buf.rename("name")` does (prepareRename,
-- rename, the edit applied): the text once the edit is in. A refusal fails the run with the
-- server's message (Neovim 0.7 would drop it without a word).
function STEPS.rename(buf, step)
  place_cursor(step)
  local handle = vim.lsp.handlers["textDocument/rename"]
  local answer
  vim.lsp.handlers["textDocument/rename"] = function(err, result, ctx, config)
    answer = { err = err, result = result }
    return handle(err, result, ctx, config)
  end
  local notify, warned = vim.notify, nil -- later versions report a refused prepareRename
  vim.notify = function(message, level, ...)
    if level and level >= vim.log.levels.WARN then
      warned = message
    end
    return notify(message, level, ...)
  end
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  mark_edit(buf)
  local ok, failure = pcall(function()
    vim.lsp.buf.rename(step.new_name)
    wait_for("the rename's answer", function()
      return answer ~= nil or warned ~= nil
    end)
  end)
  vim.lsp.handlers["textDocument/rename"] = handle
  vim.notify = notify
  if not ok then
    error(failure, 0)
  end
  if warned or answer.err then
    error("the rename was refused: " .. tostring(warned or answer.err.message), 0)
  end
  if not answer.result then
    error("the server had nothing to rename", 0)
  end
  wait_for("the rename's edit", function()
    return vim.api.nvim_buf_get_changedtick(buf) > tick
  end)
  return { lines = buffer_lines(buf) }
end

-- A file written behind the editor's back, as another program (or another editor) would.
function STEPS.write_file(_, step)
  vim.fn.writefile(step.lines, step.path)
  return {}
end

-- A line typed at the end of the plan.
function STEPS.append_line(buf, step)
  mark_edit(buf)
  vim.api.nvim_buf_set_lines(buf, -1, -1, false, { step.text })
  return { lines = buffer_lines(buf) }
end

local function read_json(path)
  return vim.fn.json_decode(table.concat(vim.fn.readfile(path), "\n"))
end

function M.run(steps_file, out_file)
  local ok, failure = xpcall(function()
    local buf = vim.api.nvim_get_current_buf()
    local results = {}
    for _, step in ipairs(read_json(steps_file)) do
      local action = STEPS[step["do"]] or error("probe.lua has no step " .. tostring(step["do"]), 0)
      table.insert(results, action(buf, step))
    end
    local client = client_of(buf)
    vim.fn.writefile({ vim.fn.json_encode({
      nvim = tostring(vim.version().major) .. "." .. vim.version().minor .. "." .. vim.version().patch,
      encoding = client.offset_encoding,
      steps = results,
    }) }, out_file)
  end, debug.traceback)
  if not ok then
    io.stderr:write("probe.lua: " .. tostring(failure) .. "\n")
    vim.cmd("cquit 1")
  end
end

return M
