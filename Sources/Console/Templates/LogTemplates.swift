/// The CloudWatch Logs pages: the groups, one group's streams and events, an execution's lines.
enum LogTemplates {
    static let groups = #"""
    {{> header}}
    <h1>Log groups</h1>
    {{^groups}}<p>No log groups yet: they appear when a function first runs.</p>{{/groups}}
    {{#hasGroups}}
    <table class="groups">
    <thead><tr><th scope="col">Log group</th><th scope="col">Retention</th><th scope="col">Stored bytes</th><th scope="col">Created</th></tr></thead>
    <tbody>
    {{#groups}}<tr><td><a href="/logs/{{segment}}">{{name}}</a></td><td>{{retention}}</td><td>{{storedBytes}}</td><td>{{#created}}{{> time}}{{/created}}</td></tr>
    {{/groups}}
    </tbody>
    </table>
    {{/hasGroups}}
    {{> footer}}
    """#

    static let group = #"""
    {{> header}}
    <h1>{{group}}</h1>
    <form method="get" action="/logs/{{segment}}" class="filter">
    <label for="filter-pattern">Filter pattern</label>
    <input id="filter-pattern" name="filter" value="{{filter}}" placeholder="ERROR, &quot;a phrase&quot;, { $.level = &quot;ERROR&quot; }" aria-describedby="filter-error">
    <label for="filter-start">From (UTC)</label><input id="filter-start" name="start" type="datetime-local" step="1" value="{{start}}">
    <label for="filter-end">To (UTC)</label><input id="filter-end" name="end" type="datetime-local" step="1" value="{{end}}">
    {{#hasStream}}<input type="hidden" name="stream" value="{{stream}}">{{/hasStream}}
    <button type="submit">Search</button>
    {{#hasFilterError}}<p id="filter-error" class="error" role="alert">{{filterError}}</p>{{/hasFilterError}}
    </form>
    <section aria-labelledby="streams-heading">
    <h2 id="streams-heading">Log streams</h2>
    <ul class="streams">{{#allStreamsLink}}<li><a href="/logs/{{segment}}">All streams</a></li>{{/allStreamsLink}}{{#streams}}<li><a href="/logs/{{segment}}?stream={{streamQuery}}"{{#current}} aria-current="page"{{/current}}>{{name}}</a> {{#last}}· {{> time}}{{/last}}</li>{{/streams}}</ul>
    </section>
    {{^hasFilterError}}<section aria-labelledby="tail-heading" class="live-tail" id="live-tail" data-source="{{tailSource}}">
    <h2 id="tail-heading">Live tail</h2>
    <p class="meta">New events{{#filtered}} that match the filter pattern{{/filtered}}, as they are written.</p>
    <button type="button" id="tail-toggle" aria-pressed="false">Start live tail</button> <span id="tail-state" role="status"></span>
    <table class="tail-table"><thead><tr><th scope="col">Timestamp</th><th scope="col">Log stream</th><th scope="col">Message</th></tr></thead>
    <tbody id="tail-events"></tbody></table>
    </section>{{/hasFilterError}}
    <section aria-labelledby="events-heading">
    <h2 id="events-heading">Log events{{#hasStream}} of {{stream}}{{/hasStream}}</h2>
    {{> events}}
    </section>
    {{> footer}}
    """#

    /// A table of log events, shared by a group's page and an execution's lines.
    static let events = #"""
    {{^events}}<p class="empty">No events{{#filtered}} match the filter{{/filtered}}.</p>{{/events}}
    {{#hasEvents}}
    <table class="log-events">
    <thead><tr><th scope="col">Timestamp</th>{{#showGroup}}<th scope="col">Log group</th>{{/showGroup}}<th scope="col">Log stream</th><th scope="col">Message</th></tr></thead>
    <tbody>
    {{#events}}<tr><td>{{#time}}{{> time}}{{/time}}</td>{{#showGroup}}<td><a href="/logs/{{groupSegment}}">{{groupName}}</a></td>{{/showGroup}}<td>{{streamName}}</td><td><pre class="message">{{message}}</pre></td></tr>
    {{/events}}
    </tbody>
    </table>
    {{/hasEvents}}
    """#

    static let executionLogs = #"""
    {{> header}}
    <h1>Log lines of {{name}}</h1>
    <p class="meta">The lines the function invocations of <a href="/executions/{{segment}}">{{name}}</a> wrote, in the order it made them.</p>
    {{> events}}
    {{> footer}}
    """#
}
