#!/usr/bin/env python3
"""Compares judges of stance pair by pair on the held-out folds (3-4) of the
labelled corpus: the rules' own stance of the sentence, the frozen-encoder head
(`train_judge --oof-probs`: trained on folds 0-2), the fine-tuned cross-encoder
(`train-cross-judge.py train`: its held-probs.npy) and the mean of the two
learned ones' probabilities. A pair counts as found when the judge and the
annotators agree on support, oppose or neutral; each judge says `none` when its
p(none) reaches 0.5, the cut both are trained with (nothing is chosen here).

  python3 scripts/compare-pair-judges.py --gold data/labelled --pairs OUT/pairs.jsonl \
      --cross OUT/held-probs.npy --head HEAD-OOF.jsonl

Needs numpy (the training venv has it). Prints a Markdown table.
"""
import argparse, json, csv, numpy as np, collections
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--gold", required=True, help="the labelled corpus the pairs were dumped from")
ap.add_argument("--pairs", required=True, help="`train_judge --dump` output")
ap.add_argument("--cross", required=True, help="held-probs.npy of train-cross-judge.py")
ap.add_argument("--head", required=True, help="`train_judge --oof-probs` output")
a = ap.parse_args()
G = a.gold
LAB=['none','support','oppose','neutral']
labels={}; kind={}
for r in csv.DictReader(open(G+'/pairs.csv')):
    labels[r['cid']]=LAB.index(r['label']); kind[r['cid']]=r['doc_kind']
folds={r['question']:int(r['fold']) for r in csv.DictReader(open(G+'/folds.csv'))}
cids=[]
for l in open(G+'/tools/candidates.jsonl'):
    j=json.loads(l)
    if j['cid'] in labels and j['question'] in folds: cids.append(j['cid'])
dump=[json.loads(l) for l in open(a.pairs)]
assert len(dump)==len(cids), (len(dump),len(cids))
for d,c in zip(dump,cids): assert d['label']==labels[c]
hp=np.load(a.cross)
cross={cids[int(r[0])]:r[1:] for r in hp}
head={}
for l in open(a.head):
    j=json.loads(l)
    if j['fold']>=3: head[j['cid']]=np.array(j['probs'])
held=[c for c,d in zip(cids,dump) if d['fold']>=3]
rules={}
for c,d in zip(cids,dump):
    f=d['rules']; p=np.zeros(4); k=1 if f[3] else 2 if f[4] else 3 if f[5] else 0; p[k]=1; rules[c]=p
def decide(p,cut):
    return 0 if p[0]>=cut else int(np.argmax(p[1:]))+1
def score(rows):
    tp=fp=fn=0
    for g,pr in rows:
        if pr and pr==g: tp+=1
        if pr and pr!=g: fp+=1
        if g and pr!=g: fn+=1
    P=tp/max(1,tp+fp); R=tp/max(1,tp+fn); return P,R,(2*P*R/(P+R) if P+R else 0), tp+fn
judges={'rules (sentence stance)':(rules,0.5),'frozen head (shipped settings)':(head,0.5),'cross-encoder':(cross,0.5)}
judges['mean of head and cross']=({c:(head[c]+cross[c])/2 for c in held},0.5)
print('| judge | held-out P | R | F1 | transcript F1 | official prose F1 | news F1 | support F1 | oppose F1 |')
print('|---|---|---|---|---|---|---|---|---|')
for name,(pr,cut) in judges.items():
    rows=[(labels[c],decide(pr[c],cut)) for c in held]
    P,R,F,n=score(rows)
    bk=[]
    for k in ('transcript','official-prose','news'):
        bk.append(score([(labels[c],decide(pr[c],cut)) for c in held if kind[c]==k])[2])
    bl=[]
    for L in (1,2):
        rr=[(int(labels[c]==L)*L, L if decide(pr[c],cut)==L else 0) for c in held]
        bl.append(score(rr)[2])
    print(f'| {name} | {P:.3f} | {R:.3f} | {F:.3f} | '+' | '.join(f'{x:.3f}' for x in bk)+' | '+' | '.join(f'{x:.3f}' for x in bl)+' |')
print('held-out pairs',len(held), 'with a stance', sum(1 for c in held if labels[c]))
print(collections.Counter(kind[c] for c in held))
