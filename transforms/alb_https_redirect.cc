// alb-https-redirect (CF520): a load balancer's plain-HTTP listener
// redirects to its HTTPS listener instead of serving the application.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "src/cfn/naming.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# alb-https-redirect (CF520)

## What it does
Finds `AWS::ElasticLoadBalancingV2::Listener`s with `Protocol: HTTP` on
`Port: 80` whose `DefaultActions` forward to target groups while the same
load balancer (the same `LoadBalancerArn` resource) has a listener with
`Protocol: HTTPS`, and replaces the default actions with one redirect to
HTTPS on that listener's port (443 as a rule), status `HTTP_301`; host, path
and query are kept (the redirect's defaults).

Reported without a fix when the HTTPS listener's port cannot be read, when
listener rules are attached to the HTTP listener (they would still serve
plain HTTP: decide what they should do first), or when a target group the
HTTP listener forwards to is used by no other listener or listener rule:
redirecting would leave it attached to no load balancer, and ECS services or
Auto Scaling groups registering into it would fail to deploy.

Not reported: listeners whose protocol, port, actions or load balancer are
given by intrinsics, load balancers without an HTTPS listener (nothing to
redirect to), HTTPS listeners under a `Condition` the HTTP listener does not
share (a template that serves HTTP when no certificate is given, and HTTPS
when one is), and HTTP listeners that already redirect or answer with a
fixed response.

## Why is this bad?
When the HTTP listener serves the application, any client that types the
address, follows an old link or is downgraded by an attacker talks to it in
clear text: credentials, cookies and data cross the network unencrypted
though the load balancer has a certificate for HTTPS.

## Example
```yaml
HttpListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref Alb
    Protocol: HTTP
    Port: 80
    DefaultActions:
      - Type: forward
        TargetGroupArn: !Ref Web
```
Use instead:
```yaml
HttpListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref Alb
    Protocol: HTTP
    Port: 80
    DefaultActions:
      - Type: redirect
        RedirectConfig:
          Protocol: HTTPS
          Port: '443'
          StatusCode: HTTP_301
```

## Fix safety
Unsafe. `DefaultActions` is "Update requires: No interruption", but clients
that speak only HTTP, or do not follow redirects, stop working, and a 301
turns a `POST` into a `GET` in many clients; the load balancer's security
group must admit port 443 (it has an HTTPS listener, so it usually does).

## Options

## References
- https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-listener-redirectconfig.html
)md";

constexpr std::string_view kListener = "AWS::ElasticLoadBalancingV2::Listener";
constexpr std::string_view kListenerRule = "AWS::ElasticLoadBalancingV2::ListenerRule";
constexpr std::string_view kTargetGroup = "AWS::ElasticLoadBalancingV2::TargetGroup";

std::optional<std::string_view> Protocol(const syntax::Tree& tree, const cfn::Resource& r) {
  return cfn::LooseString(tree, cfn::PropertyAt(tree, r, {"Protocol"}));
}

// The load balancer resource the listener belongs to, or nullptr.
const cfn::Resource* LoadBalancerOf(const RuleContext& ctx, const cfn::Resource& listener) {
  std::optional<cfn::NamedResource> lb = cfn::WhatItNames(
      ctx.tree(), ctx.tmpl(), cfn::PropertyAt(ctx.tree(), listener, {"LoadBalancerArn"}),
      "AWS::ElasticLoadBalancingV2::LoadBalancer");
  return lb ? lb->resource : nullptr;
}

// The `forward` actions among the default actions; nullopt when an action
// cannot be read, or one already redirects or answers.
std::optional<std::vector<NodeId>> ForwardActions(const syntax::Tree& tree, NodeId actions) {
  if (!cfn::IsLiteral(tree, actions, syntax::NodeKind::kSequence)) return std::nullopt;
  std::vector<NodeId> forwards;
  for (NodeId action : cfn::Items(tree, actions)) {
    std::optional<std::string_view> type = cfn::LooseString(tree, cfn::Get(tree, action, "Type"));
    if (!type) return std::nullopt;
    if (*type == "redirect" || *type == "fixed-response") return std::nullopt;
    if (*type == "forward") forwards.push_back(action);
  }
  return forwards;
}

// The values naming the target groups of a forward action.
std::vector<NodeId> TargetGroupSites(const syntax::Tree& tree, NodeId action) {
  std::vector<NodeId> sites;
  if (NodeId arn = cfn::Get(tree, action, "TargetGroupArn"); arn != syntax::kNoNode) {
    sites.push_back(arn);
  }
  const NodeId groups = cfn::GetPath(tree, action, {"ForwardConfig", "TargetGroups"});
  for (NodeId group : cfn::Items(tree, groups)) {
    sites.push_back(cfn::Get(tree, group, "TargetGroupArn"));
  }
  return sites;
}

// Why the forwarding cannot simply stop: a target group that only this
// listener serves, or one that cannot be identified.
absl::Status TargetGroupsStayAttached(const RuleContext& ctx, const cfn::Resource& listener,
                                      const std::vector<NodeId>& forwards) {
  for (NodeId action : forwards) {
    for (NodeId site : TargetGroupSites(ctx.tree(), action)) {
      std::optional<cfn::NamedResource> group =
          cfn::WhatItNames(ctx.tree(), ctx.tmpl(), site, kTargetGroup);
      if (!group) {
        return absl::FailedPreconditionError(
            "a target group it forwards to is not a resource of the template");
      }
      const std::string_view id = group->resource->logical_id;
      bool elsewhere =
          !cfn::ResourcesUsing(ctx.tmpl(), ctx.references(), id, kListenerRule).empty();
      for (const cfn::Resource* user :
           cfn::ResourcesUsing(ctx.tmpl(), ctx.references(), id, kListener)) {
        elsewhere = elsewhere || user != &listener;
      }
      if (!elsewhere) {
        return absl::FailedPreconditionError(absl::StrFormat(
            "target group '%s' is served by no other listener: it would be detached", id));
      }
    }
  }
  return absl::OkStatus();
}

// The HTTPS listener of the same load balancer that exists whenever
// `listener` does, or nullptr.
const cfn::Resource* HttpsSibling(const RuleContext& ctx, const cfn::Resource& listener,
                                  const cfn::Resource* lb) {
  for (const cfn::Resource* other : ctx.ResourcesOfType(kListener)) {
    if (Protocol(ctx.tree(), *other) == "HTTPS" && LoadBalancerOf(ctx, *other) == lb &&
        cfn::ExistsWhenever(ctx.tree(), *other, listener)) {
      return other;
    }
  }
  return nullptr;
}

void CheckListener(RuleContext& ctx, const cfn::Resource& listener) {
  const syntax::Tree& tree = ctx.tree();
  if (Protocol(tree, listener) != "HTTP") return;
  if (cfn::LooseInt(tree, cfn::PropertyAt(tree, listener, {"Port"})) != 80) return;
  const cfn::Resource* lb = LoadBalancerOf(ctx, listener);
  if (lb == nullptr) return;
  const NodeId actions = cfn::PropertyAt(tree, listener, {"DefaultActions"});
  std::optional<std::vector<NodeId>> forwards = ForwardActions(tree, actions);
  if (!forwards || forwards->empty()) return;
  const cfn::Resource* https = HttpsSibling(ctx, listener, lb);
  if (https == nullptr) return;

  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  std::optional<int64_t> port = cfn::LooseInt(tree, cfn::PropertyAt(tree, *https, {"Port"}));
  absl::Status attached = TargetGroupsStayAttached(ctx, listener, *forwards);
  if (!port) {
    fix.Fail(absl::FailedPreconditionError("the HTTPS listener's port cannot be read"));
  } else if (!cfn::ResourcesUsing(ctx.tmpl(), ctx.references(), listener.logical_id, kListenerRule)
                  .empty()) {
    fix.Fail(absl::FailedPreconditionError("listener rules still serve plain HTTP on it"));
  } else if (!attached.ok()) {
    fix.Fail(attached);
  } else {
    const Value redirect = Value::Map(
        {{"Type", Value::Str("redirect")},
         {"RedirectConfig", Value::Map({{"Protocol", Value::Str("HTTPS")},
                                        {"Port", Value::Str(absl::StrFormat("%d", *port))},
                                        {"StatusCode", Value::Str("HTTP_301")}})}});
    fix.ReplaceValue(actions, Value::Seq({redirect}));
  }
  ctx.Report(ctx.RangeOf(listener.key),
             absl::StrFormat("%s '%s' serves plain HTTP on port 80 though load balancer '%s' "
                             "has HTTPS listener '%s': clients can bypass TLS",
                             listener.type, listener.logical_id, lb->logical_id, https->logical_id),
             std::move(fix));
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource* listener : ctx.ResourcesOfType(kListener)) {
    CheckListener(ctx, *listener);
  }
}

}  // namespace

extern const engine::RuleInfo kAlbHttpsRedirect = {
    .code = "CF520",
    .name = "alb-https-redirect",
    .summary = "HTTP listeners that forward while an HTTPS listener exists let clients skip TLS",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
