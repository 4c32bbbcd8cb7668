/// The EventBridge pages: the rules of the default bus, and the events it carried with the dead
/// letters (docs/console.md).
enum EventTemplates {
    static let rules = #"""
    {{> header}}
    <h1>Rules</h1>
    <p class="meta">Event bus <code>default</code>: the rules of rules/ and those put through the API.</p>
    {{#hasProblems}}<section aria-labelledby="problems-heading"><h2 id="problems-heading">Rules that cannot be used</h2>
    <ul class="problems">{{#problems}}<li><pre class="error">{{.}}</pre></li>{{/problems}}</ul></section>{{/hasProblems}}
    {{^rules}}<p>No rules yet: add one to rules/ or put one with PutRule.</p>{{/rules}}
    {{#rules}}
    <section class="rule" id="{{anchor}}" aria-label="Rule {{name}}" tabindex="-1">
    <h2>{{name}} {{#enabled}}<span class="badge st-SUCCEEDED">{{state}}</span>{{/enabled}}{{^enabled}}<span class="badge st-ABORTED">{{state}}</span>{{/enabled}}</h2>
    <dl>
    <dt>ARN</dt><dd><code>{{arn}}</code></dd>
    {{#hasDescription}}<dt>Description</dt><dd>{{description}}</dd>{{/hasDescription}}
    <dt>Defined by</dt><dd>{{origin}}</dd>
    <dt>Event pattern</dt><dd><pre class="pattern">{{pattern}}</pre></dd>
    {{#hasDeadLetters}}<dt>Dead letters</dt><dd><a href="/events#dead-letters">{{deadLetters}}</a></dd>{{/hasDeadLetters}}
    </dl>
    <h3>Targets</h3>
    {{^targets}}<p>No targets.</p>{{/targets}}
    {{#hasTargets}}
    <table class="targets">
    <thead><tr><th scope="col">Id</th><th scope="col">Arn</th><th scope="col">Input</th><th scope="col">RetryPolicy</th></tr></thead>
    <tbody>
    {{#targets}}<tr><td>{{targetId}}</td><td>{{#hasFunction}}<a href="/functions/{{functionSegment}}">{{targetArn}}</a>{{/hasFunction}}{{^hasFunction}}{{targetArn}}{{/hasFunction}}</td>
    <td>{{#inputs}}<span class="meta">{{inputKind}}</span><pre>{{inputValue}}</pre>{{/inputs}}{{^inputs}}The matched event{{/inputs}}</td>
    <td>{{#hasRetryPolicy}}<code>{{retryPolicy}}</code>{{/hasRetryPolicy}}{{^hasRetryPolicy}}Default{{/hasRetryPolicy}}</td></tr>
    {{/targets}}
    </tbody>
    </table>
    {{/hasTargets}}
    </section>
    {{/rules}}
    {{> footer}}
    """#

    static let events = #"""
    {{> header}}
    <h1>Events</h1>
    <p class="meta">The events put on the bus <code>default</code>, newest first ({{total}} in all). "Matches" lists the enabled
    rules whose patterns match the event now: the bus keeps the events, not which rules routed them.</p>
    <section aria-labelledby="events-heading">
    <h2 id="events-heading">Events</h2>
    {{^events}}<p>No events yet.</p>{{/events}}
    {{#hasEvents}}
    <table class="bus-events">
    <thead><tr><th scope="col">Time</th><th scope="col">Source</th><th scope="col">Detail type</th><th scope="col">Status</th><th scope="col">Resource</th><th scope="col">Matches</th><th scope="col">Event</th></tr></thead>
    <tbody>
    {{#events}}<tr id="event-{{id}}"><td>{{#time}}{{> time}}{{/time}}</td><td>{{source}}</td><td>{{detailType}}</td><td>{{#hasStatus}}<span class="badge st-{{status}}">{{status}}</span>{{/hasStatus}}</td><td><code>{{resource}}</code></td>
    <td class="matched">{{#matched}}<a href="/rules#{{anchor}}">{{rule}}</a> {{/matched}}{{^matched}}None{{/matched}}{{#hasFailedDeliveries}} <a class="badge st-FAILED" href="#dead-letters">{{failedDeliveries}} failed</a>{{/hasFailedDeliveries}}</td>
    <td><details><summary>{{id}}</summary><pre>{{json}}</pre></details></td></tr>
    {{/events}}
    </tbody>
    </table>
    {{/hasEvents}}
    <nav class="pages" aria-label="Pages">{{#newer}}<a href="/events{{query}}" rel="prev">Newer</a> {{/newer}}{{#older}}<a href="/events{{query}}" rel="next">Older</a>{{/older}}</nav>
    </section>
    <section aria-labelledby="dead-letters-heading" id="dead-letters" tabindex="-1">
    <h2 id="dead-letters-heading">Dead letters</h2>
    <p class="meta">Deliveries that finally failed, after the target's RetryPolicy (a topic's subscriptions: after one attempt), newest first.</p>
    {{^deadLetters}}<p>No dead letters.</p>{{/deadLetters}}
    {{#hasDeadLetters}}
    <table class="dead-letters">
    <thead><tr><th scope="col">Time</th><th scope="col">Rule or topic</th><th scope="col">Target</th><th scope="col">Attempts</th><th scope="col">Error</th><th scope="col">Event</th></tr></thead>
    <tbody>
    {{#deadLetters}}<tr><td>{{#time}}{{> time}}{{/time}}</td>
    <td>{{#isTopic}}<a href="/topics/{{topicSegment}}">{{rule}}</a>{{/isTopic}}{{^isTopic}}<a href="/rules#{{ruleAnchor}}">{{rule}}</a>{{/isTopic}}</td>
    <td>{{#hasFunction}}<a href="/functions/{{functionSegment}}">{{target}}</a>{{/hasFunction}}{{^hasFunction}}{{target}}{{/hasFunction}}</td>
    <td>{{attempts}}</td><td><pre class="reason">{{reason}}</pre></td>
    <td>{{#hasEvent}}<details><summary>{{eventId}}</summary><pre>{{event}}</pre></details>{{/hasEvent}}{{^hasEvent}}<code>{{eventId}}</code>{{/hasEvent}}</td></tr>
    {{/deadLetters}}
    </tbody>
    </table>
    {{/hasDeadLetters}}
    </section>
    {{> footer}}
    """#
}
