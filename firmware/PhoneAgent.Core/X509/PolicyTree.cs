using System.Collections;

namespace PhoneAgent.Core.X509
{
    /// <summary>Certificate policy processing of RFC 5280 §6.1: the valid_policy_tree with the
    /// explicit_policy, inhibit_anyPolicy and policy_mapping counters, run once per candidate
    /// path. Steps are named by their section letters. The tree is capped (MaxNodes): crafted
    /// mappings can otherwise make it grow exponentially with the path length.</summary>
    public sealed class PolicyTree
    {
        public const string AnyPolicy = "2.5.29.32.0";
        public const int MaxNodes = 512;

        private sealed class Node
        {
            public string Policy;
            public string[] Expected;
            public Node Parent;
            public int Depth;
            public ArrayList Children = new ArrayList();
        }

        private readonly int _n;
        private readonly ArrayList[] _levels;   // nodes by depth 0..n
        private int _nodes;
        private int _explicitPolicy;
        private int _inhibitAnyPolicy;
        private int _policyMapping;
        private bool _null;

        /// <summary>§6.1.2 (a), (d), (e), (f) for a path of n certificates.</summary>
        public PolicyTree(int n, ValidationPolicy policy)
        {
            _n = n;
            _levels = new ArrayList[n + 1];
            for (int i = 0; i <= n; i++) _levels[i] = new ArrayList();
            Node root = new Node();
            root.Policy = AnyPolicy;
            root.Expected = new string[] { AnyPolicy };
            _levels[0].Add(root);
            _nodes = 1;
            _explicitPolicy = policy.RequireExplicitPolicy ? 0 : n + 1;
            _inhibitAnyPolicy = policy.InhibitAnyPolicy ? 0 : n + 1;
            _policyMapping = policy.InhibitPolicyMapping ? 0 : n + 1;
        }

        /// <summary>§6.1.3 (d)-(f) for certificate i (1..n): null, or why the path fails.</summary>
        public string Process(X509Certificate cert, int i)
        {
            if (cert.PolicyOids != null && !_null)
            {
                ArrayList parents = _levels[i - 1];
                string[] cp = cert.PolicyOids;
                bool hasAny = false;
                for (int k = 0; k < cp.Length; k++)
                {
                    if (cp[k] == AnyPolicy) { hasAny = true; continue; }
                    // (d)(1)(i): children of every node expecting P; (ii) else of an anyPolicy node.
                    bool matched = false;
                    for (int p = 0; p < parents.Count; p++)
                    {
                        Node parent = (Node)parents[p];
                        if (!Contains(parent.Expected, cp[k])) continue;
                        if (!Add(parent, cp[k], new string[] { cp[k] }, i)) return TooLarge();
                        matched = true;
                    }
                    if (matched) continue;
                    for (int p = 0; p < parents.Count; p++)
                    {
                        Node parent = (Node)parents[p];
                        if (parent.Policy != AnyPolicy) continue;
                        if (!Add(parent, cp[k], new string[] { cp[k] }, i)) return TooLarge();
                    }
                }
                // (d)(2): anyPolicy in the certificate stands for every expected policy not yet matched.
                if (hasAny && (_inhibitAnyPolicy > 0 || (i < _n && cert.IsSelfIssued)))
                {
                    for (int p = 0; p < parents.Count; p++)
                    {
                        Node parent = (Node)parents[p];
                        for (int e = 0; e < parent.Expected.Length; e++)
                        {
                            if (HasChild(parent, parent.Expected[e])) continue;
                            if (!Add(parent, parent.Expected[e], new string[] { parent.Expected[e] }, i)) return TooLarge();
                        }
                    }
                }
                Prune(i - 1);                                           // (d)(3)
            }
            else
            {
                _null = true;                                           // (e)
            }
            if (_explicitPolicy <= 0 && _null)                          // (f)
                return "no certificate policy acceptable to the path remains at this certificate" +
                    (cert.PolicyOids == null ? " (it has no certificatePolicies extension)" : " (none of its policies " + List(cert.PolicyOids) + " chains to the policies above)") +
                    ", and an explicit policy is required";
            return null;
        }

        /// <summary>§6.1.4 (a), (b), (h), (i), (j) after CA certificate i: null, or why the path fails.</summary>
        public string Prepare(X509Certificate cert, int i)
        {
            string[] map = cert.PolicyMappings;
            if (map != null)
            {
                for (int k = 0; k < map.Length; k++)
                    if (map[k] == AnyPolicy) return "policyMappings maps " + (k % 2 == 0 ? "from" : "to") + " anyPolicy, which §6.1.4 (a) forbids";
                for (int k = 0; k < map.Length; k += 2)
                {
                    string idp = map[k];
                    if (IndexOf(map, idp) != k) continue;               // each issuerDomainPolicy once
                    if (_null) break;
                    if (_policyMapping > 0)
                    {
                        string[] targets = MappedFrom(map, idp);
                        bool found = false;
                        ArrayList level = _levels[i];
                        for (int p = 0; p < level.Count; p++)
                        {
                            Node node = (Node)level[p];
                            if (node.Policy != idp) continue;
                            node.Expected = targets;
                            found = true;
                        }
                        if (!found)
                        {
                            for (int p = 0; p < level.Count; p++)
                            {
                                Node any = (Node)level[p];
                                if (any.Policy != AnyPolicy) continue;
                                if (!Add(any.Parent, idp, targets, i)) return TooLarge();
                                break;
                            }
                        }
                    }
                    else
                    {
                        ArrayList level = _levels[i];
                        for (int p = level.Count - 1; p >= 0; p--)
                        {
                            Node node = (Node)level[p];
                            if (node.Policy == idp) Remove(node, i);
                        }
                        Prune(i - 1);
                    }
                }
            }
            if (!cert.IsSelfIssued)                                     // (h)
            {
                if (_explicitPolicy > 0) _explicitPolicy--;
                if (_policyMapping > 0) _policyMapping--;
                if (_inhibitAnyPolicy > 0) _inhibitAnyPolicy--;
            }
            if (cert.RequireExplicitPolicy >= 0 && cert.RequireExplicitPolicy < _explicitPolicy) _explicitPolicy = cert.RequireExplicitPolicy;   // (i)
            if (cert.InhibitPolicyMapping >= 0 && cert.InhibitPolicyMapping < _policyMapping) _policyMapping = cert.InhibitPolicyMapping;
            if (cert.InhibitAnyPolicySkip >= 0 && cert.InhibitAnyPolicySkip < _inhibitAnyPolicy) _inhibitAnyPolicy = cert.InhibitAnyPolicySkip; // (j)
            return null;
        }

        /// <summary>§6.1.5 (a), (b), (g) with the leaf: null and the user-constrained policy set
        /// in policies (anyPolicy when any), or why the path fails.</summary>
        public string WrapUp(X509Certificate leaf, string[] initial, out string[] policies)
        {
            policies = new string[0];
            if (_explicitPolicy > 0) _explicitPolicy--;                                  // (a)
            if (leaf.RequireExplicitPolicy == 0) _explicitPolicy = 0;                     // (b)
            if (!_null && initial != null && !Contains(initial, AnyPolicy)) Intersect(initial);   // (g)(iii)
            if (!_null) policies = AnchorDomainPolicies();
            if (_explicitPolicy > 0 || !_null) return null;
            return "no certificate policy is valid for the whole path" +
                (initial != null && !Contains(initial, AnyPolicy) ? " among the acceptable policies " + List(initial) : "") +
                ", and an explicit policy is required";
        }

        /// <summary>The policies as the trust anchor's domain names them (the nodes whose parent is
        /// anyPolicy, before any mapping), which is what user-initial-policy-set is compared with;
        /// anyPolicy when such a node reaches the leaf's depth.</summary>
        private string[] AnchorDomainPolicies()
        {
            ArrayList r = new ArrayList();
            for (int d = 1; d <= _n; d++)
            {
                ArrayList level = _levels[d];
                for (int k = 0; k < level.Count; k++)
                {
                    Node node = (Node)level[k];
                    if (node.Parent.Policy != AnyPolicy || r.Contains(node.Policy)) continue;
                    if (node.Policy != AnyPolicy || d == _n) r.Add(node.Policy);
                }
            }
            string[] a = new string[r.Count];
            for (int k = 0; k < a.Length; k++) a[k] = (string)r[k];
            return a;
        }

        private void Intersect(string[] initial)
        {
            // (1) nodes whose parent is anyPolicy; (2) drop those outside the initial set.
            ArrayList set = new ArrayList();
            for (int d = 1; d <= _n; d++)
            {
                ArrayList level = _levels[d];
                for (int k = 0; k < level.Count; k++)
                {
                    Node node = (Node)level[k];
                    if (node.Parent.Policy == AnyPolicy) set.Add(node);
                }
            }
            for (int k = 0; k < set.Count; k++)
            {
                Node node = (Node)set[k];
                if (node.Policy != AnyPolicy && !Contains(initial, node.Policy)) RemoveSubtree(node);
            }
            // (3) a leaf anyPolicy node stands for each initial policy not already present.
            ArrayList leaves = _levels[_n];
            for (int k = 0; k < leaves.Count; k++)
            {
                Node any = (Node)leaves[k];
                if (any.Policy != AnyPolicy) continue;
                for (int p = 0; p < initial.Length; p++)
                {
                    bool present = false;
                    for (int s = 0; s < set.Count && !present; s++) present = ((Node)set[s]).Policy == initial[p] && Alive((Node)set[s]);
                    if (!present) AddUnchecked(any.Parent, initial[p], new string[] { initial[p] }, _n);
                }
                Remove(any, _n);
                break;
            }
            Prune(_n - 1);                                                                // (4)
        }

        private bool Alive(Node node)
        {
            return _levels[node.Depth].Contains(node);
        }

        private bool Add(Node parent, string policy, string[] expected, int depth)
        {
            if (_nodes >= MaxNodes) return false;
            AddUnchecked(parent, policy, expected, depth);
            return true;
        }

        private void AddUnchecked(Node parent, string policy, string[] expected, int depth)
        {
            Node child = new Node();
            child.Policy = policy;
            child.Expected = expected;
            child.Parent = parent;
            child.Depth = depth;
            parent.Children.Add(child);
            _levels[depth].Add(child);
            _nodes++;
        }

        private static bool HasChild(Node parent, string policy)
        {
            for (int c = 0; c < parent.Children.Count; c++) if (((Node)parent.Children[c]).Policy == policy) return true;
            return false;
        }

        private void Remove(Node node, int depth)
        {
            _levels[depth].Remove(node);
            if (node.Parent != null) node.Parent.Children.Remove(node);
            else _null = true;
        }

        private void RemoveSubtree(Node node)
        {
            for (int d = 0; d <= _n; d++)
            {
                if (!_levels[d].Contains(node)) continue;
                Remove(node, d);
                ArrayList doomed = new ArrayList();
                doomed.Add(node);
                for (int below = d + 1; below <= _n; below++)
                {
                    ArrayList level = _levels[below];
                    for (int k = level.Count - 1; k >= 0; k--)
                    {
                        Node c = (Node)level[k];
                        if (doomed.Contains(c.Parent)) { level.RemoveAt(k); doomed.Add(c); }
                    }
                }
                return;
            }
        }

        /// <summary>Deletes childless nodes at depth ≤ from, bottom up; the tree is NULL when the root goes.</summary>
        private void Prune(int from)
        {
            for (int d = from; d >= 0; d--)
            {
                ArrayList level = _levels[d];
                for (int k = level.Count - 1; k >= 0; k--)
                {
                    Node node = (Node)level[k];
                    if (node.Children.Count == 0) Remove(node, d);
                }
            }
        }

        private static string[] MappedFrom(string[] map, string issuerPolicy)
        {
            ArrayList to = new ArrayList();
            for (int k = 0; k < map.Length; k += 2)
                if (map[k] == issuerPolicy && !to.Contains(map[k + 1])) to.Add(map[k + 1]);
            string[] r = new string[to.Count];
            for (int k = 0; k < r.Length; k++) r[k] = (string)to[k];
            return r;
        }

        private static int IndexOf(string[] map, string issuerPolicy)
        {
            for (int k = 0; k < map.Length; k += 2) if (map[k] == issuerPolicy) return k;
            return -1;
        }

        private static bool Contains(string[] a, string v)
        {
            for (int i = 0; i < a.Length; i++) if (a[i] == v) return true;
            return false;
        }

        private static string List(string[] a)
        {
            string s = "";
            for (int i = 0; i < a.Length; i++) s += (i == 0 ? "" : ", ") + a[i];
            return "{" + s + "}";
        }

        private static string TooLarge()
        {
            return "its certificate policies and mappings grow the policy tree past " + MaxNodes.ToString() + " nodes";
        }
    }
}
