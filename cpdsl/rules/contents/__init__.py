"""CP5, what the plan must contain: the parts the guidance lists for every plan.

Readings shared by the rules of this family (each rule's documentation repeats the ones it
takes):

- An unborn child (`expected`, no `born`) gives no views, is not seen alone and is not
  visited: CP502, CP504 and CP505 ask nothing for one.
- Text that is empty (`contingency ""`) says nothing, so it counts as missing; the finding
  points at the empty text.
- Something missing from the whole plan could be hidden by a syntax error anywhere in it
  (a misspelt `contingncy`), so such findings are dropped when the plan has one.
- Each rule's severity follows the strongest word of the sources it cites (`must` an
  error, `should` or `will` a warning, good practice with neither an info), quoted in its
  documentation. Most of the plan's parts come from one list, which the plan "should
  include" (002_107d890e8677bac8.txt, section 3), so most of these rules are warnings.

One module per part: `arrangements`, `views`, `agreement`, `grounds` and `assessment`.
"""

from cpdsl.rules.contents import agreement, arrangements, assessment, grounds, views

RULES = tuple(sorted((*arrangements.RULES, *views.RULES, *agreement.RULES, *grounds.RULES,
                      *assessment.RULES), key=lambda rule: rule.code))
