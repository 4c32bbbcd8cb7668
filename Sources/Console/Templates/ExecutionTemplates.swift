/// The execution page: everything under `#live` is drawn again when the execution's history
/// grows (console.js fetches the page and swaps that element). The page's head (`header`) is
/// sent before the history is walked, and these templates draw the rest of it.
enum ExecutionTemplates {
    static let execution = #"""
    <h1>{{name}}</h1>
    <div id="live" data-events="/executions/{{segment}}/events?after={{lastEventId}}&amp;tokens={{tokenRevision}}" data-status="{{status}}">
    <p class="meta"><span class="badge st-{{status}}" id="execution-status">{{status}}</span>
    execution of <a href="/machines/{{machineSegment}}">{{machineName}}</a> · started {{#start}}{{> time}}{{/start}}{{#stop}} · ended {{> time}}{{/stop}}
    · <a href="/executions/{{segment}}/logs">Log lines of its invocations</a></p>
    {{#running}}
    <form method="post" action="/executions/{{segment}}/stop" class="stop">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <button type="submit" class="danger">Stop execution</button>
    </form>
    {{/running}}
    {{#hasActionError}}<p class="error" role="alert" id="action-error">{{actionError}}</p>{{/hasActionError}}
    {{#callbacks}}
    <section class="callback" aria-label="Callback waiting in {{callbackState}}">
    <h2>Waiting for a callback{{#callbackHasState}} in {{callbackState}}{{/callbackHasState}}</h2>
    <p>Task token: <code class="token">{{token}}</code></p>
    <form method="post" action="/executions/{{segment}}/callback" class="send-success">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="token" value="{{token}}"><input type="hidden" name="outcome" value="success">
    <label for="output-{{index}}">Output (JSON)</label>
    <textarea id="output-{{index}}" name="output" rows="3" spellcheck="false" data-json-for="output-error-{{index}}" aria-describedby="output-error-{{index}}">{}</textarea>
    <p id="output-error-{{index}}" class="error" role="alert"></p>
    <button type="submit">Send task success</button>
    </form>
    <form method="post" action="/executions/{{segment}}/callback" class="send-failure">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="token" value="{{token}}"><input type="hidden" name="outcome" value="failure">
    <label for="error-{{index}}">Error</label><input id="error-{{index}}" name="error">
    <label for="cause-{{index}}">Cause</label><input id="cause-{{index}}" name="cause">
    <button type="submit">Send task failure</button>
    </form>
    </section>
    {{/callbacks}}
    <section aria-labelledby="graph-heading">
    <h2 id="graph-heading">Graph view</h2>
    {{> legend}}
    <div class="graph">{{#graph}}{{> cluster}}{{/graph}}</div>
    <div class="state-details">
    {{#states}}<section class="state-detail" id="state-{{stateId}}" tabindex="-1" aria-label="State {{stateName}}">
    <h3>{{stateName}} <span class="badge s-{{stateStatus}}">{{stateCaption}}</span></h3>
    <dl>
    <dt>Entered</dt><dd>{{entered}} time(s)</dd>
    <dt>Retries</dt><dd class="retries">{{retries}}</dd>
    {{#hasDuration}}<dt>Duration</dt><dd class="duration">{{duration}}</dd>{{/hasDuration}}
    {{#hasInput}}<dt>Input</dt><dd><pre class="state-input">{{input}}</pre></dd>{{/hasInput}}
    {{#hasOutput}}<dt>Output</dt><dd><pre class="state-output">{{output}}</pre></dd>{{/hasOutput}}
    {{#hasError}}<dt>Error</dt><dd><pre class="state-error">{{error}}</pre></dd>{{/hasError}}
    {{#hasCause}}<dt>Cause</dt><dd><pre class="state-cause">{{cause}}</pre></dd>{{/hasCause}}
    </dl>
    </section>
    {{/states}}
    </div>
    </section>
    {{#hasMaps}}<section aria-labelledby="maps-heading">
    <h2 id="maps-heading">Map iterations</h2>
    <table class="maps">
    <thead><tr><th scope="col">Map state</th><th scope="col">Started</th><th scope="col">Succeeded</th><th scope="col">Failed</th><th scope="col">Aborted</th><th scope="col">In progress</th></tr></thead>
    <tbody>
    {{#maps}}<tr class="map-summary" data-map="{{mapName}}"><td>{{mapName}}</td><td class="started">{{started}}</td><td class="succeeded">{{succeeded}}</td><td class="failed">{{failed}}</td><td class="aborted">{{aborted}}</td><td class="in-progress">{{inProgress}}</td></tr>
    {{#hasFailures}}<tr><td colspan="6">Failed iterations of {{mapName}}: <ul class="failures">{{#failures}}<li><a href="{{href}}">index {{index}} (event {{eventId}})</a></li>{{/failures}}{{#moreFailures}}<li>and {{count}} more</li>{{/moreFailures}}</ul></td></tr>{{/hasFailures}}
    {{/maps}}
    </tbody>
    </table>
    </section>{{/hasMaps}}
    <section aria-labelledby="io-heading">
    <h2 id="io-heading">Input and output</h2>
    <dl class="io">
    <dt>Input</dt><dd><pre id="execution-input">{{input}}</pre></dd>
    {{#hasOutput}}<dt>Output</dt><dd><pre id="execution-output">{{output}}</pre></dd>{{/hasOutput}}
    {{#hasError}}<dt>Error</dt><dd><pre id="execution-error">{{error}}</pre></dd>{{/hasError}}
    {{#hasCause}}<dt>Cause</dt><dd><pre id="execution-cause">{{cause}}</pre></dd>{{/hasCause}}
    </dl>
    </section>
    <section aria-labelledby="history-heading">
    <h2 id="history-heading">Events</h2>
    {{#pager}}<nav class="pages" aria-label="Pages of events"><span class="range">{{range}}</span>
    {{#first}}<a href="{{href}}" rel="first">First</a>{{/first}} {{#earlier}}<a href="{{href}}" rel="prev">Earlier</a>{{/earlier}}
    {{#later}}<a href="{{href}}" rel="next">Later</a>{{/later}} {{#last}}<a href="{{href}}" rel="last">Last</a>{{/last}}</nav>
    {{#pastEnd}}<p class="empty">No events after event {{after}}: the history holds {{lastEventId}}.</p>{{/pastEnd}}{{/pager}}
    <table class="history">
    <thead><tr><th scope="col">ID</th><th scope="col">Type</th><th scope="col">Step</th><th scope="col">Elapsed time (ms)</th><th scope="col">Timestamp</th><th scope="col">Details</th></tr></thead>
    <tbody>
    {{#events}}<tr id="event-{{id}}"><td>{{id}}</td><td>{{type}}</td><td>{{step}}</td><td class="elapsed">{{elapsed}}</td><td>{{#time}}{{> time}}{{/time}}</td>
    <td>{{#hasDetails}}<details><summary>Details</summary><pre>{{details}}</pre></details>{{/hasDetails}}</td></tr>
    {{/events}}
    </tbody>
    </table>
    </section>
    </div>
    {{> footer}}
    """#

    /// The rest of an execution page whose history could not be read after its head was sent.
    static let unreadable = #"""
    <h1>{{title}}</h1>
    <p class="error" role="alert">{{message}}</p>
    {{> footer}}
    """#
}
