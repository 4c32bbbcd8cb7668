/// The Lambda pages: the functions, and one function with its Test form (docs/console.md).
enum FunctionTemplates {
    static let functions = #"""
    {{> header}}
    <h1>Functions</h1>
    {{^functions}}<p>No functions yet: add a script to functions/.</p>{{/functions}}
    {{#hasFunctions}}
    <table class="functions">
    <thead><tr><th scope="col">Function name</th><th scope="col">Runtime</th><th scope="col">MemorySize</th><th scope="col">Timeout</th><th scope="col">Last modified</th></tr></thead>
    <tbody>
    {{#functions}}<tr><td><a href="/functions/{{segment}}">{{name}}</a></td>
    {{#hasProblem}}<td colspan="4"><pre class="error">{{problem}}</pre></td>{{/hasProblem}}
    {{^hasProblem}}<td>{{runtime}}</td><td>{{memorySize}}</td><td>{{timeout}}</td><td>{{lastModified}}</td>{{/hasProblem}}</tr>
    {{/functions}}
    </tbody>
    </table>
    {{/hasFunctions}}
    {{> footer}}
    """#

    static let function = #"""
    {{> header}}
    <h1>{{name}}</h1>
    <p class="meta"><a href="/logs/{{logGroupSegment}}">Log group {{logGroup}}</a></p>
    {{#hasProblem}}<p class="error" role="alert" id="configuration-error">{{problem}}</p>{{/hasProblem}}
    <section aria-labelledby="test-heading">
    <h2 id="test-heading">Test</h2>
    <form method="post" action="/functions/{{segment}}/invoke#test-result" class="test-event" id="test-form">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <label for="test-event">Event JSON</label>
    <textarea id="test-event" name="event" rows="6" spellcheck="false" data-json-for="event-error" aria-describedby="event-error">{{testEvent}}</textarea>
    <p id="event-error" class="error" role="alert">{{eventError}}</p>
    <button type="submit">Test</button>
    </form>
    {{#result}}
    <section class="test-result" id="test-result" aria-labelledby="result-heading" tabindex="-1">
    <h3 id="result-heading">Execution result: {{#succeeded}}<span class="badge st-SUCCEEDED" id="result-status">succeeded</span>{{/succeeded}}{{^succeeded}}<span class="badge st-FAILED" id="result-status">failed</span>{{/succeeded}}</h3>
    {{#hasRefusal}}<p class="error" role="alert" id="invoke-error">{{refusal}}</p>{{/hasRefusal}}
    {{^hasRefusal}}
    <dl>
    <dt>Request ID</dt><dd><code id="result-request-id">{{requestId}}</code></dd>
    {{#hasFunctionError}}<dt>FunctionError</dt><dd id="result-function-error">{{functionError}}</dd>{{/hasFunctionError}}
    <dt>Payload</dt><dd><pre id="result-payload">{{payload}}</pre></dd>
    {{#report}}<dt>Duration</dt><dd>{{duration}}</dd><dt>Billed duration</dt><dd>{{billedDuration}}</dd>
    {{#hasInitDuration}}<dt>Init duration</dt><dd>{{initDuration}}</dd>{{/hasInitDuration}}
    <dt>Resources configured</dt><dd>{{memorySize}}</dd><dt>Max memory used</dt><dd>{{maxMemoryUsed}}</dd>{{/report}}
    <dt>Log output</dt><dd><pre id="result-log" class="message">{{log}}</pre></dd>
    </dl>
    {{/hasRefusal}}
    </section>
    {{/result}}
    </section>
    <section aria-labelledby="invocations-heading">
    <h2 id="invocations-heading">Recent invocations</h2>
    {{^invocations}}<p>No invocations in <a href="/logs/{{logGroupSegment}}">{{logGroup}}</a> yet.</p>{{/invocations}}
    {{#hasInvocations}}
    <table class="invocations">
    <thead><tr><th scope="col">Timestamp</th><th scope="col">Request ID</th><th scope="col">Duration</th><th scope="col">Billed duration</th><th scope="col">Memory size</th><th scope="col">Max memory used</th><th scope="col">Status</th></tr></thead>
    <tbody>
    {{#invocations}}<tr><td>{{#time}}{{> time}}{{/time}}</td><td><code>{{requestId}}</code></td><td>{{duration}}</td><td>{{billedDuration}}</td><td>{{memorySize}}</td><td>{{maxMemoryUsed}}</td>
    <td>{{#failed}}<span class="badge st-FAILED">{{status}}</span>{{/failed}}{{^failed}}<span class="badge st-SUCCEEDED">{{status}}</span>{{/failed}}</td></tr>
    {{/invocations}}
    </tbody>
    </table>
    {{/hasInvocations}}
    </section>
    <section aria-labelledby="configuration-heading">
    <h2 id="configuration-heading">Configuration</h2>
    {{#hasProblem}}<p>functions/{{name}}.json cannot be used (above): its settings are not known.</p>{{/hasProblem}}
    {{^hasProblem}}
    <dl class="settings">
    {{#settings}}<dt>{{key}}</dt><dd>{{value}}</dd>{{/settings}}
    <dt>ReservedConcurrentExecutions</dt><dd>{{reservedConcurrency}}</dd>
    </dl>
    <h3>Environment variables</h3>
    {{^variables}}<p>None.</p>{{/variables}}
    {{#hasVariables}}<table class="variables"><thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead>
    <tbody>{{#variables}}<tr><td>{{variable}}</td><td>{{value}}</td></tr>{{/variables}}</tbody></table>{{/hasVariables}}
    <h3>Permissions</h3>
    {{#hasPolicy}}<p>The policy of its role (the sidecar's <code>policy</code>):</p><pre class="policy">{{policy}}</pre>{{/hasPolicy}}
    {{^hasPolicy}}<p>No policy: the function may call no host API.</p>{{/hasPolicy}}
    {{/hasProblem}}
    </section>
    <section aria-labelledby="code-heading">
    <h2 id="code-heading">Code source</h2>
    <ol class="definition">{{#lines}}<li><code>{{.}}</code></li>{{/lines}}</ol>
    </section>
    {{> footer}}
    """#
}
